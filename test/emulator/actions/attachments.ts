// GetAttachmentUploadUrl: reserves an ObjectKey and answers signed PUT and GET URLs on the emulator itself (uploads.ts).
import { illegalParam, Outcome, success } from '../wire';
import type { ActionContext } from './context';

export function getAttachmentUploadUrl(ctx: ActionContext): Outcome {
  const fileName = ctx.params.get('FileName');
  if (!fileName) return illegalParam(ctx.requestId, 'Illegal param: FileName is required.');
  const upload = ctx.store.reserveUpload(fileName);
  return {
    status: 200,
    body: {
      ...success(ctx.requestId),
      Data: {
        ObjectKey: upload.objectKey,
        PutSignedUrl: ctx.uploads.sign('PUT', upload.objectKey),
        GetSignedUrl: ctx.uploads.sign('GET', upload.objectKey),
      },
    },
  };
}
