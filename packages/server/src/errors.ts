// Errors the API returns: { error: <Chinese message>, code: <slug>, ...extra } with an HTTP status.
export class HttpError extends Error {
  constructor(
    public status: number,
    public code: string,
    message: string,
    public extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
  body() {
    return { error: this.message, code: this.code, ...this.extra };
  }
}

export const notFound = (what = '记录') => new HttpError(404, 'not-found', `${what}不存在或无权访问`);
export const forbidden = (msg = '没有权限执行此操作') => new HttpError(403, 'forbidden', msg);
export const badRequest = (msg: string, extra: Record<string, unknown> = {}) => new HttpError(400, 'bad-request', msg, extra);
