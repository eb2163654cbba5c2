import { MAX_UPLOAD_BYTES } from '../../src-main/contract/api.js';
import { api } from '../api/index.js';

/** base64 of a file's bytes (chunked: String.fromCharCode on a whole large buffer overflows the stack). */
export async function fileBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

/** Why a file cannot be uploaded (too big), or undefined when it can. */
export function uploadProblem(file: File): string | undefined {
  if (file.size <= MAX_UPLOAD_BYTES) return undefined;
  return `${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MB; the app imports files up to ${MAX_UPLOAD_BYTES / 1024 / 1024} MB (use the rnnlab CLI for bigger ones)`;
}

/** Uploads a file into the person's data folder; resolves to where the services can read it. */
export async function uploadFile(file: File): Promise<string> {
  const problem = uploadProblem(file);
  if (problem) throw new Error(problem);
  return (await api.call('uploadData', { name: file.name, contentBase64: await fileBase64(file) })).path;
}
