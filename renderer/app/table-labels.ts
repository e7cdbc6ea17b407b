/**
 * Gives every table cell under root a `data-label` with its column's header, so narrow windows can show
 * tables as lists of labelled values (layout.css, "tables become lists"). Keeps up as views render; returns
 * the stop function.
 */
export function labelTableCells(root: HTMLElement): () => void {
  const label = () => {
    for (const table of root.querySelectorAll('table')) {
      const headers = [...(table.tHead?.rows[0]?.cells ?? [])].map((cell) => cell.textContent?.trim() ?? '');
      for (const row of table.querySelectorAll('tbody tr, tfoot tr')) {
        [...(row as HTMLTableRowElement).cells].forEach((cell, i) => {
          const text = headers[i] ?? '';
          if (cell.dataset.label !== text) cell.dataset.label = text;
        });
      }
    }
  };
  label();
  const observer = new MutationObserver(label);
  observer.observe(root, { childList: true, subtree: true, characterData: true });
  return () => observer.disconnect();
}
