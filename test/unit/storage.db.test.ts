// Opening the database on a real (in-memory) IndexedDB: one shared connection, stepping aside for
// an upgrading tab, and clear messages when another tab blocks the upgrade or the data is newer.
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { closeSpotcheckDb, onClosedForUpgrade, openSpotcheckDb } from '../../src/storage/db';
import { applyMigrations } from '../../src/storage/migrations';
import { SCHEMA_VERSION, type SpotcheckDB } from '../../src/storage/schema';
import { failureMessage, freshDbName } from '../fixtures/storageTestKit';

describe('openSpotcheckDb', () => {
  it('shares one connection per database until it is closed', async () => {
    const name = freshDbName();
    const first = openSpotcheckDb(name);
    expect(openSpotcheckDb(name)).toBe(first);
    const db = await first;
    expect(db.version).toBe(SCHEMA_VERSION);

    await closeSpotcheckDb(name);
    const reopened = await openSpotcheckDb(name);
    expect(reopened).not.toBe(db);
    await reopened.put('settings', 'en', 'language');
    expect(await reopened.get('settings', 'language')).toBe('en');
    await closeSpotcheckDb(name);
  });

  it('closes its connection when another tab upgrades, tells the app, and then asks for a reload', async () => {
    const name = freshDbName();
    await openSpotcheckDb(name);
    const closedNames: string[] = [];
    const unsubscribe = onClosedForUpgrade((closedName) => closedNames.push(closedName));

    // Would wait forever (blocked) if this tab kept its connection open.
    const newerTab = await openDB(name, SCHEMA_VERSION + 1);
    expect(closedNames).toEqual([name]);

    expect(await failureMessage(openSpotcheckDb(name))).toBe(
      'The stored data was written by a newer version of Spotcheck. Reload this page to update the app.',
    );
    unsubscribe();
    newerTab.close();
  });

  it('refuses with advice when an older tab keeps the database open during an upgrade', async () => {
    const name = freshDbName();
    // An old tab that does not give way: schema v1 and no versionchange handling.
    const oldTab = await openDB<SpotcheckDB>(name, 1, {
      upgrade: (db, oldVersion, _newVersion, transaction) => applyMigrations(db, oldVersion, 1, transaction),
    });

    expect(await failureMessage(openSpotcheckDb(name))).toBe(
      'Another Spotcheck tab is still using the stored data. Close other Spotcheck tabs, then reload this page.',
    );

    oldTab.close();
    const db = await openSpotcheckDb(name);
    expect(db.version).toBe(SCHEMA_VERSION);
    expect([...db.objectStoreNames]).toContain('thumbnails');
    await closeSpotcheckDb(name);
  });
});
