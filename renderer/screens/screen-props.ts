import type { PublicConfig } from '../../electron/contract/config';
import type { FlowContext, FlowEvent } from '../flow/kiosk-machine';

/** What every flow screen gets: the session so far, a way to move on, and the clinic's config. */
export interface FlowScreenProps {
  context: FlowContext;
  send: (event: FlowEvent) => void;
  config: PublicConfig;
}
