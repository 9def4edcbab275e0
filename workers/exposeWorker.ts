// Every worker entry exposes its API through here, so errors cross back to the page intact.
import { expose } from 'comlink';
import { transferUserFacingErrors } from './userFacingErrors';

export function exposeWorker(api: object): void {
  transferUserFacingErrors();
  expose(api);
}
