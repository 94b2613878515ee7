/** The part of HtmlService's client API (`google.script.run`, `google.script.host`) dialogs use. */
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
