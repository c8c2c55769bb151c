'use client';
import { createContext, useContext } from 'react';
import type { CatalogView } from '@/lib/protocol/catalog';

/** Problems by field (`layers.0.agents.1.model`), so each input can show its own next to it. */
export type ProblemsByField = Map<string, string[]>;

/** What every part of the custom config editor reads: the catalog, the problems, and how fields get element ids. */
export interface ConfigEditor {
  catalog: CatalogView;
  showTestModels: boolean;
  problems: ProblemsByField;
  /** The element id of a field's control: `layers.0.agents.1` → `<panel id>-layers-0-agents-1`. */
  fieldId: (field: string) => string;
}

export const ConfigEditorContext = createContext<ConfigEditor | undefined>(undefined);

export function useConfigEditor(): ConfigEditor {
  const editor = useContext(ConfigEditorContext);
  if (!editor) throw new Error('useConfigEditor is used outside the custom config editor.');
  return editor;
}
