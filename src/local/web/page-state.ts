/** What the local page reads from GET /api/state (shared by the server and the page script). */
import type { RecordedMenu } from '../runtime/env';

export interface SheetView {
  name: string;
  hidden: boolean;
  /** Rows with content, header included. */
  rowCount: number;
  columnCount: number;
  frozenRows: number;
  /** Display values of the first rows (header included). */
  rows: string[][];
  truncated: boolean;
}

export interface PageState {
  mode: 'sandbox' | 'live';
  workbookPath: string;
  nowIso: string;
  menus: RecordedMenu[];
  sheets: SheetView[];
}

export interface MenuRunResponse {
  ok: boolean;
  error: { name: string; message: string } | null;
  alerts: Array<{ title: string; prompt: string }>;
  toasts: Array<{ message: string; title: string }>;
  openedSidebar: boolean;
  /** A dialog the menu item showed (showModalDialog / showModelessDialog), served at /dialog. */
  dialog: { title: string } | null;
}
