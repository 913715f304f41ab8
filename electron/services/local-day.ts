/** The local calendar day of `date`, as YYYY-MM-DD: the finest time the kiosk keeps about its use. */
export function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
