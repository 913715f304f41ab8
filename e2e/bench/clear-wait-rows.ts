import { clearRows } from './wait-table';

/** Before the benches: no row of an earlier run may stand in the table as this run's. */
export default function clearWaitRows(): void {
  clearRows();
}
