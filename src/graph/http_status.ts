/** Names of .NET's System.Net.HttpStatusCode members, which the SDK prints after the status number. */
const STATUS_NAMES: Readonly<Record<number, string>> = {
  200: "OK",
  201: "Created",
  202: "Accepted",
  204: "NoContent",
  301: "MovedPermanently",
  302: "Found",
  303: "SeeOther",
  304: "NotModified",
  307: "TemporaryRedirect",
  308: "PermanentRedirect",
  400: "BadRequest",
  401: "Unauthorized",
  403: "Forbidden",
  404: "NotFound",
  405: "MethodNotAllowed",
  406: "NotAcceptable",
  408: "RequestTimeout",
  409: "Conflict",
  410: "Gone",
  411: "LengthRequired",
  412: "PreconditionFailed",
  413: "RequestEntityTooLarge",
  415: "UnsupportedMediaType",
  422: "UnprocessableEntity",
  423: "Locked",
  424: "FailedDependency",
  429: "TooManyRequests",
  500: "InternalServerError",
  501: "NotImplemented",
  502: "BadGateway",
  503: "ServiceUnavailable",
  504: "GatewayTimeout",
  507: "InsufficientStorage",
};

/** Returns the HttpStatusCode name for a status, or the number itself as .NET prints an undefined member. */
export function httpStatusName(status: number): string {
  return STATUS_NAMES[status] ?? String(status);
}
