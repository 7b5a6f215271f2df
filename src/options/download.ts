/** Offering a file the page made (a backup) as a download, without any network request. */

/** How long the object URL lives after the click: the browser reads it asynchronously. */
export const REVOKE_AFTER_MS = 10_000;

/** Offers `blob` as a download named `fileName`, through a temporary object URL revoked after. */
export function offerDownload(blob: Blob, fileName: string, doc: Document = document): void {
  const url = URL.createObjectURL(blob);
  const link = doc.createElement("a");
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  doc.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
  }
}

/** The name of a backup made at `at` (ms epoch), by the local date: context-cards-backup-YYYY-MM-DD.json. */
export function backupFileName(at: number): string {
  const date = new Date(at);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `context-cards-backup-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}.json`;
}
