/**
 * Test helper: DILA's XML (v230 files of shared/data/boamp/xml-v230) turned into JSON the way
 * BOAMP's own `gestion` and `donnees` are (boamp.md §1.5): an element that occurs once is an
 * object or a string, several times a list; an empty element is `""`; attributes are `@name`,
 * text beside them `#text`. Enough XML for those files: elements, attributes, text, entities.
 */

type Node = string | { [key: string]: Node | Node[] };

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return ENTITIES[name] ?? whole;
  });
}

export function xmlToJson(xml: string): Record<string, Node | Node[]> {
  const source = xml.replace(/<\?[\s\S]*?\?>/g, '').replace(/<!--[\s\S]*?-->/g, '');
  const tag = /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[\w:.-]+\s*=\s*"[^"]*")*)\s*(\/?)>/g;
  interface Frame {
    name: string;
    attributes: Record<string, string>;
    children: Array<[string, Node]>;
    text: string;
  }
  const root: Frame = { name: '#root', attributes: {}, children: [], text: '' };
  const stack: Frame[] = [root];
  let last = 0;
  const close = (frame: Frame): Node => {
    const hasChildren = frame.children.length > 0;
    const hasAttributes = Object.keys(frame.attributes).length > 0;
    const text = decode(frame.text).trim();
    if (!hasChildren && !hasAttributes) return text;
    const out: Record<string, Node | Node[]> = {};
    for (const [k, v] of Object.entries(frame.attributes)) out[`@${k}`] = decode(v);
    for (const [name, value] of frame.children) {
      const existing = out[name];
      if (existing === undefined) out[name] = value;
      else if (Array.isArray(existing)) existing.push(value);
      else out[name] = [existing, value];
    }
    if (text !== '') out['#text'] = text;
    return out;
  };
  for (let m = tag.exec(source); m !== null; m = tag.exec(source)) {
    const current = stack[stack.length - 1] as Frame;
    current.text += source.slice(last, m.index);
    last = tag.lastIndex;
    const [, closing, name, attrText, selfClosing] = m as unknown as [
      string,
      string,
      string,
      string,
      string,
    ];
    if (closing === '/') {
      const frame = stack.pop() as Frame;
      if (frame.name !== name) throw new Error(`Mismatched </${name}> for <${frame.name}>`);
      (stack[stack.length - 1] as Frame).children.push([name, close(frame)]);
      continue;
    }
    const attributes: Record<string, string> = {};
    for (const a of attrText.matchAll(/([\w:.-]+)\s*=\s*"([^"]*)"/g)) {
      attributes[a[1] as string] = a[2] as string;
    }
    const frame: Frame = { name, attributes, children: [], text: '' };
    if (selfClosing === '/') current.children.push([name, close(frame)]);
    else stack.push(frame);
  }
  if (stack.length !== 1) throw new Error('Unclosed element');
  return close(root) as Record<string, Node | Node[]>;
}
