import type { TFunction } from 'i18next';
import type { SaveProblem } from '../../../electron/contract/channels';

/** What staff read about a folder the kiosk cannot save to: where, why, and that IT can fix it. */
export function saveProblemText(t: TFunction, problem: SaveProblem): string {
  return t(`staff.saveProblem.${problem.place}`, { folder: problem.folder, cause: t(`staff.saveCause.${problem.cause}`, { code: problem.code }) });
}
