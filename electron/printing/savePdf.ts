import path from 'node:path';
import { writeFileAtomic } from '../fs/atomicWrite';
import type { SaveDialogResult } from '../diagnostics/saveDiagnostics';
import type { PdfToSave } from './labelPrinter';

// The label printer's PDF fallback: the OS save dialog, then an atomic write of the PDF bytes.

export interface PdfSaverDeps {
  showSaveDialog(options: { title?: string; defaultPath: string; filters: Array<{ name: string; extensions: string[] }> }): Promise<SaveDialogResult>;
  /** Where the dialog opens (the user's Documents folder). */
  defaultDirectory: string;
}

export function createPdfSaver(deps: PdfSaverDeps): (pdf: PdfToSave) => Promise<'saved' | 'cancelled'> {
  return async (pdf) => {
    const choice = await deps.showSaveDialog({
      ...(pdf.dialogTitle === undefined ? {} : { title: pdf.dialogTitle }),
      defaultPath: path.join(deps.defaultDirectory, pdf.suggestedName),
      filters: [{ name: 'PDF', extensions: ['pdf'] }],
    });
    if (choice.canceled || choice.filePath === undefined || choice.filePath === '') return 'cancelled';
    await writeFileAtomic(choice.filePath, pdf.bytes);
    return 'saved';
  };
}
