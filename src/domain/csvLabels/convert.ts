// Spec §2.5: a two-column CSV (image, normal|anomaly) → a classification manifest, or, when rows
// are wrong, the `_errors.csv` and `_deduplicated.csv` files the user fixes or re-imports.
import Papa from 'papaparse';
import { UserFacingError } from '../errors';
import { formatGroundTruthDate } from '../manifest/dates';
import { classificationLineObject } from '../manifest/format';
import { errorIssue, type ValidationIssue } from '../rules/issues';
import type { ImageClass } from '../types';

const csvJobName = 'labeling-job/anomaly-classification';
/** The files we write are opened in spreadsheets: a cell starting with = + - @ must stay text. */
const spreadsheetSafe = { escapeFormulae: true } as const;

export interface CsvLabelsInput {
  /** The CSV's file name, e.g. `labels.csv`; the output files are named after it. */
  csvName: string;
  csvText: string;
  /** Typed by the user and prepended to every image, e.g. `s3://bucket/parts/`. */
  prefix?: string;
  /** The creation-date written on every line. */
  now: Date;
}

export interface CsvSummary {
  images: number;
  normal: number;
  anomaly: number;
}

export type CsvConversion =
  /** `sourceLines[n]`: the CSV line manifest line n + 1 was written from, so messages name the CSV's lines. */
  | { ok: true; manifestFileName: string; manifestText: string; sourceLines: number[]; summary: CsvSummary }
  | {
      ok: false;
      /** "Problems found: see …_errors.csv; …" */
      issue: ValidationIssue;
      errorsFileName: string;
      errorsCsv: string;
      deduplicatedFileName: string;
      deduplicatedCsv: string;
      summary: CsvSummary;
    };

type RowError = 'INVALID_CLASSIFICATION' | 'DUPLICATE';

interface CsvRow {
  /** 1-based line of the input. */
  line: number;
  image: string;
  className: string;
  classification: ImageClass | null;
}

function baseName(csvName: string): string {
  const fileName = csvName.split(/[\\/]/).pop() ?? csvName;
  return fileName.replace(/\.csv$/i, '');
}

function looksLikePath(image: string): boolean {
  return image.includes('/') || image.includes('\\');
}

/** Rows with their input line numbers; throws for problems no errors CSV can describe. */
function readRows(csvName: string, csvText: string): CsvRow[] {
  // Empty lines are kept by the parser so that row i is input line i + 1.
  // The delimiter is fixed: guessing reads a comma CSV whose names hold ";" as one column.
  const { data } = Papa.parse<string[]>(csvText.replace(/^\uFEFF/, ''), { skipEmptyLines: false, delimiter: ',' });
  const rows: CsvRow[] = [];
  const badColumnLines: number[] = [];
  data.forEach((cells, i) => {
    const trimmed = cells.map((cell) => cell.trim());
    if (trimmed.every((cell) => cell === '')) return;
    if (trimmed.length !== 2) {
      badColumnLines.push(i + 1);
      return;
    }
    const [image, className] = trimmed as [string, string];
    const normalized = className.toLowerCase();
    const classification = normalized === 'normal' || normalized === 'anomaly' ? normalized : null;
    rows.push({ line: i + 1, image, className, classification });
  });
  if (badColumnLines.length > 0) throw new UserFacingError('import:csv.columnCount', { file: csvName, lines: badColumnLines.join(', ') });
  if (rows.length === 0) throw new UserFacingError('import:csv.empty', { file: csvName });
  const pathRow = rows.find((row) => looksLikePath(row.image));
  const nameRow = rows.find((row) => !looksLikePath(row.image));
  if (pathRow && nameRow) {
    throw new UserFacingError('import:csv.mixedPaths', { file: csvName, pathLine: pathRow.line, nameLine: nameRow.line });
  }
  return rows;
}

function summarize(rows: readonly CsvRow[]): CsvSummary {
  return {
    images: rows.length,
    normal: rows.filter((row) => row.classification === 'normal').length,
    anomaly: rows.filter((row) => row.classification === 'anomaly').length,
  };
}

export function convertCsvLabels({ csvName, csvText, prefix = '', now }: CsvLabelsInput): CsvConversion {
  const rows = readRows(csvName, csvText);
  const summary = summarize(rows);
  const errors: { row: CsvRow; error: RowError }[] = [];
  const seenImages = new Set<string>();
  const keptRowByImage = new Map<string, CsvRow>();
  for (const row of rows) {
    if (!row.classification) errors.push({ row, error: 'INVALID_CLASSIFICATION' });
    if (seenImages.has(row.image)) errors.push({ row, error: 'DUPLICATE' });
    seenImages.add(row.image);
    if (row.classification && !keptRowByImage.has(row.image)) keptRowByImage.set(row.image, row);
  }

  const name = baseName(csvName);
  if (errors.length > 0) {
    const errorsFileName = `${name}_errors.csv`;
    const deduplicatedFileName = `${name}_deduplicated.csv`;
    return {
      ok: false,
      issue: errorIssue('import:csv.problems', { file: csvName, errorsFile: errorsFileName, deduplicatedFile: deduplicatedFileName }),
      errorsFileName,
      errorsCsv: Papa.unparse(
        {
          fields: ['line', 'image', 'classification', 'error'],
          data: errors.map(({ row, error }) => [row.line, row.image, row.className, error]),
        },
        spreadsheetSafe,
      ),
      deduplicatedFileName,
      deduplicatedCsv: Papa.unparse(
        [...keptRowByImage.values()].map((row) => [row.image, row.className]),
        spreadsheetSafe,
      ),
      summary,
    };
  }

  const creationDate = formatGroundTruthDate(now);
  const lines = rows.map((row) =>
    JSON.stringify(
      classificationLineObject({
        sourceRef: prefix + row.image,
        className: row.className,
        classification: row.classification!,
        humanAnnotated: true,
        creationDate,
        jobName: csvJobName,
      }),
    ),
  );
  return { ok: true, manifestFileName: `${name}.manifest`, manifestText: `${lines.join('\n')}\n`, sourceLines: rows.map((row) => row.line), summary };
}
