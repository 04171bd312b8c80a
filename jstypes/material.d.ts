// Globals that mkdocs-material's bundle and the vendored Mermaid define, as far
// as our scripts use them. Type declarations only: nothing here is shipped.

/** Material's RxJS subject of the current document: replays on subscribe, emits on each instant navigation. */
declare var document$: { subscribe(next: (document: Document) => void): { unsubscribe(): void } };

/** The result of mermaid.render; Material calls `fn` with the shadow root the drawing went into. */
interface MermaidRender {
  svg: string;
  fn?: (root: ShadowRoot | Element) => void;
}

/** Mermaid 11 (vendor/mermaid), on pages with diagrams only. */
declare var mermaid: {
  startOnLoad: boolean;
  initialize(config: { startOnLoad: boolean }): void;
  render: (...args: unknown[]) => Promise<MermaidRender>;
};
