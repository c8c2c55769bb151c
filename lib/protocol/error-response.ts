import { ApiError } from './api-error';

/** The response for anything a route throws: its own `ApiError`, or a generic 500 that reveals nothing. */
export function errorResponse(error: unknown): Response {
  if (error instanceof ApiError) return error.toResponse();
  return new ApiError('internal', 'Something went wrong on our side. Please try again.').toResponse();
}
