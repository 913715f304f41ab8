import { writeWaitTable } from './wait-table';

/** After every bench: the one table of where a person waits, from the rows each bench recorded. */
export default function writeTable(): void {
  console.log(`\nWhere a person waits: ${writeWaitTable()}`);
}
