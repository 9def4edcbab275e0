// Reading the model JSON and weight shards out of minified UMD scripts without running them.
import { describe, expect, it } from 'vitest';
import { parseJsLiteral } from '../../scripts/backbone/jsLiteral';
import { umdExportedLiteral } from '../../scripts/backbone/umdModelFiles';

describe('parseJsLiteral', () => {
  it('reads minified object literals: bare keys, !0/!1, void 0, leading-dot numbers, escapes', () => {
    const source = `x={format:"graph-model",n:[-.5,1e-3,2,.25E+2],"quoted key":'it\\'s',flag:!0,off:!1,none:null,gone:void 0,u:"\\u00e9\\x41\\n",nested:{a:[]}};`;
    const { value, end } = parseJsLiteral(source, 2);
    expect(value).toEqual({
      format: 'graph-model',
      n: [-0.5, 0.001, 2, 25],
      'quoted key': "it's",
      flag: true,
      off: false,
      none: null,
      gone: null,
      u: 'éA\n',
      nested: { a: [] },
    });
    expect(source.slice(end)).toBe(';');
  });

  it('says where it stopped on something that is not a literal', () => {
    expect(() => parseJsLiteral('{a:f()}', 0)).toThrow('Expected a literal at offset 3');
    expect(() => parseJsLiteral('"open', 0)).toThrow('Unterminated string');
  });
});

describe('umdExportedLiteral', () => {
  it('takes module 1 of a browserify bundle and refuses computed exports', () => {
    const bundle = (body: string) =>
      `!function(e){module.exports=e()}(function(){return function r(t,n,o){}({1:[function(t,e,a){e.exports=${body}},{}]},{},[1])(1)});`;
    expect(umdExportedLiteral(bundle('"AAEC"'), 'shard.min.js')).toBe('AAEC');
    expect(umdExportedLiteral(bundle('{weightsManifest:[]}'), 'model.min.js')).toEqual({ weightsManifest: [] });
    expect(() => umdExportedLiteral(bundle('"a"+"b"'), 'odd.min.js')).toThrow('odd.min.js: the exported value is not a plain literal');
    expect(() => umdExportedLiteral('module.exports = 1', 'plain.js')).toThrow('plain.js: no browserify module export found');
  });
});
