import config from "../deno.json" with { type: "json" };

/** This package's name and version, from deno.json. */
export const PACKAGE_NAME: string = config.name;
/** This package's version. */
export const PACKAGE_VERSION: string = config.version;
