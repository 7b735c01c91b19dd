/**
 * Stands in for express, raw-body and @slack/socket-mode in the Lambda bundle only (an esbuild alias in
 * serverless.yml). Bolt's App loads its HTTP and Socket Mode receivers whatever receiver is used; on Lambda only the
 * AwsLambdaReceiver runs, so their dependencies (1.4 MB: undici, iconv-lite, mime-db) are dead weight at cold start.
 * Anything that does call them fails loudly instead of silently.
 */
const unavailable = (): never => {
  throw new Error('durion-cost: this Bolt receiver is not bundled on Lambda; use AwsLambdaReceiver');
};

export default unavailable;
export const SocketModeClient = unavailable;
