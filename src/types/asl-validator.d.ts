/** asl-validator ships no types: what the state machine test calls. */
declare module 'asl-validator' {
  export default function validator(
    definition: unknown,
  ): Promise<{ isValid: boolean; errors: { message?: string; path?: string }[] }>;
}
