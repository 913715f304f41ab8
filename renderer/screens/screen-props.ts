import type { PublicConfig } from '../../electron/contract/config';
import type { VisitReason } from '../../electron/contract/content';
import type { FlowContext, FlowEvent } from '../flow/kiosk-machine';

/** What every flow screen gets: the session so far, a way to move on, the clinic's config and the content's visit reasons. */
export interface FlowScreenProps {
  context: FlowContext;
  send: (event: FlowEvent) => void;
  config: PublicConfig;
  reasons: VisitReason[];
}
