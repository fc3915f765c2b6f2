import i18n from '../i18n';

export interface FieldError {
  field: string;
  message: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: FieldError[];
}

/**
 * The services write each human text as "日本語 / English"; a person reads only the half of their language.
 * A text without the separator is shown as it is.
 */
export function inLanguage(text: string | undefined, language = i18n.language): string {
  if (!text) return '';
  const separator = text.indexOf(' / ');
  if (separator < 0) return text;
  return language === 'en' ? text.slice(separator + 3).trim() : text.slice(0, separator).trim();
}

/** An answer of the API that is not a success, or a request that never got an answer (status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(status: number, problem: Problem) {
    super(problem.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }

  get isNetwork(): boolean {
    return this.status === 0;
  }

  /** The sentence a person sees: the problem's title, with its detail when that says more. */
  get title(): string {
    if (this.isNetwork) return i18n.t('errors.network');
    return inLanguage(this.problem.title) || i18n.t('errors.unexpected');
  }

  get detail(): string {
    return inLanguage(this.problem.detail);
  }

  /** The message for one field, or undefined when the field is fine. */
  fieldMessage(field: string): string | undefined {
    const found = this.problem.errors?.find((error) => error.field === field);
    return found ? inLanguage(found.message) : undefined;
  }
}

export function networkError(): ApiError {
  return new ApiError(0, {});
}

export async function problemOf(response: Response): Promise<ApiError> {
  let problem: Problem = {};
  try {
    const body: unknown = await response.clone().json();
    if (body && typeof body === 'object') problem = body as Problem;
  } catch {
    // an empty or non-JSON error body: the status alone has to do
  }
  return new ApiError(response.status, problem);
}

export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return networkError();
}
