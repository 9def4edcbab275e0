// Node-environment tests get a real (in-memory) IndexedDB: Blobs round-trip here, unlike jsdom.
import 'fake-indexeddb/auto';
