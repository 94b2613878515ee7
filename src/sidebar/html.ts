/**
 * The one templating tag of the sidebar: htm bound to Preact's `h`. Every `${value}` placed in
 * text or in an attribute becomes a text node or a DOM property, never parsed HTML — that is what
 * makes the sidebar escape what it renders by construction (DESIGN.md §7).
 */
import htm from 'htm';
import { h, type VNode } from 'preact';

/** Typed as returning one VNode: every template of the sidebar has a single root element. */
export const html = htm.bind(h) as (strings: TemplateStringsArray, ...values: unknown[]) => VNode;
