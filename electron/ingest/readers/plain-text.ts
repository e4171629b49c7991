/** Reader for .txt: the file is the document, titled by its name. */
import { finishDocument, stripExtension } from './records';
import type { WholeFileReader } from './types';

/** Plain text: content as written, title from the file name. */
export const plainTextReader: WholeFileReader = {
  format: 'text',
  mode: 'whole',
  *read(text, ctx) {
    yield finishDocument(ctx, { externalId: ctx.fileKey, title: stripExtension(ctx.fileName), content: text });
  },
};
