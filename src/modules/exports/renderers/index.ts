import type { ExportFormat } from '../export.model';
import { renderCsv } from './csv';
import { renderDocx } from './docx';
import { renderPdf } from './pdf';
import type { Renderer } from './types';

export { type ExportMeta, type ExportQuestion, type Renderer } from './types';

/** One renderer per format, each in its own file. */
export const RENDERERS: Record<ExportFormat, Renderer> = { pdf: renderPdf, csv: renderCsv, docx: renderDocx };
