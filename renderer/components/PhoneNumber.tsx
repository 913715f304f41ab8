import type { PublicConfig } from '../../electron/contract/config';
import { displayPhone } from '../../electron/contract/phone';

/**
 * The clinic's phone number, grouped as its country writes numbers, in a left-to-right isolate:
 * in a right-to-left sentence its digits and brackets would otherwise be reordered. Not for
 * translation (translate="no"): it is a number to dial.
 */
export function PhoneNumber({ clinic }: { clinic: PublicConfig['clinic'] }) {
  return (
    <bdi dir="ltr" translate="no">
      {displayPhone(clinic.phone, clinic.country)}
    </bdi>
  );
}
