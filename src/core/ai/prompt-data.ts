/**
 * How data from outside — a record of the CRM, a BOAMP notice — goes into a prompt: as JSON in a
 * tagged block that the system prompt declares to be data, never instructions. `<` and `>`
 * become JSON escapes, which read the same once parsed but cannot form a tag: the only `</tag>`
 * in the prompt is the block's own, so no value can close its block and speak outside it.
 */

/** A tagged block of JSON; `type` names what the block holds when one tag serves several kinds. */
export function dataBlock(tag: string, data: unknown, type?: string): string {
  const json = JSON.stringify(data, null, 1).replace(/</g, '\\u003c').replace(/>/g, '\\u003e');
  return `<${tag}${type === undefined ? '' : ` type="${type}"`}>\n${json}\n</${tag}>`;
}

/** Long free text cut with an ellipsis: the gist is enough and the prompt stays small. */
export function clipText(text: string, max: number): string {
  const trimmed = text.trim();
  return trimmed.length > max ? `${trimmed.slice(0, max - 1)}…` : trimmed;
}
