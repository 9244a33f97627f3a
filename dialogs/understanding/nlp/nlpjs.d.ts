// The parts of NLP.js (which ships no types) that the offline engine uses.
declare module '@nlpjs/core' {
  export interface Container {
    use(plugin: unknown): void;
    register(name: string, instance: unknown, isSingleton?: boolean): void;
  }
  export function containerBootstrap(): Container;
}

declare module '@nlpjs/nlp' {
  import type { Container } from '@nlpjs/core';

  export interface NlpSettings {
    container: Container;
    languages: string[];
    autoSave: boolean;
    nlu: { log: boolean };
  }
  export interface Classification {
    intent: string;
    score: number;
  }
  export class Nlp {
    constructor(settings: NlpSettings);
    addDocument(locale: string, utterance: string, intent: string): void;
    train(): Promise<unknown>;
    classify(locale: string, utterance: string): Promise<{ classifications: Classification[] }>;
  }
}

declare module '@nlpjs/lang-zh' {
  export class LangZh {}
}

declare module '@nlpjs/lang-en' {
  export class LangEn {}
}
