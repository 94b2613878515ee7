/** The part of HtmlService's client API (`google.script.run`) the sidebar uses. */
declare namespace google.script {
  interface Runner {
    withSuccessHandler(handler: (value: unknown, userObject?: unknown) => void): Runner;
    withFailureHandler(handler: (error: Error, userObject?: unknown) => void): Runner;
    withUserObject(userObject: unknown): Runner;
    [functionName: string]: unknown;
  }
  const run: Runner;
  namespace host {
    function close(): void;
  }
}
