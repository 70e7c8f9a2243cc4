import { GLOBAL_GRAPH_ENDPOINT } from "./connection.ts";

/** A cloud as Connect-MgGraph -Environment names it, with its Graph and token roots. */
export interface GraphEnvironment {
  /** The name as Get-MgEnvironment lists it, e.g. `USGovDoD`. */
  name: string;
  /** The Graph root, e.g. `https://dod-graph.microsoft.us`. */
  graphEndpoint: string;
  /** The Microsoft Entra authority root, e.g. `https://login.microsoftonline.us`. */
  loginEndpoint: string;
}

/** The built-in environments of Microsoft Graph PowerShell 2.x (GraphEnvironmentConstants). */
export const GRAPH_ENVIRONMENTS: readonly GraphEnvironment[] = [
  {
    name: "Global",
    graphEndpoint: GLOBAL_GRAPH_ENDPOINT,
    loginEndpoint: "https://login.microsoftonline.com",
  },
  {
    name: "USGov",
    graphEndpoint: "https://graph.microsoft.us",
    loginEndpoint: "https://login.microsoftonline.us",
  },
  {
    name: "USGovDoD",
    graphEndpoint: "https://dod-graph.microsoft.us",
    loginEndpoint: "https://login.microsoftonline.us",
  },
  {
    name: "China",
    graphEndpoint: "https://microsoftgraph.chinacloudapi.cn",
    loginEndpoint: "https://login.chinacloudapi.cn",
  },
];

/**
 * Finds a built-in environment by name, ignoring case as the SDK does; undefined for an unknown
 * name.
 */
export function findGraphEnvironment(name: string): GraphEnvironment | undefined {
  const requested = name.trim().toLowerCase();
  return GRAPH_ENVIRONMENTS.find((environment) => environment.name.toLowerCase() === requested);
}
