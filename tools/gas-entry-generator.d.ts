declare module 'gas-entry-generator' {
  export function generate(
    source: string,
    options?: { comment?: boolean; autoGlobalExports?: boolean },
  ): { entryPointFunctions: string; globalAssignments?: string };
}
