'use client';
import { lazy, useState } from 'react';

// The settings editor and the keys and share dialogs are a sizeable part of the page's code, and none is needed
// before the user opens it: they load when the browser is idle, or on first use.
const loadSettings = () => import('@/components/settings/settings-panel');
const loadKeys = () => import('@/components/settings/keys-dialog');
const loadShare = () => import('@/components/share/share-dialog');
const loadSharedLinks = () => import('@/components/share/shared-links-dialog');

export const LazySettingsPanel = lazy(() => loadSettings().then((module) => ({ default: module.SettingsPanel })));
export const LazyKeysDialog = lazy(() => loadKeys().then((module) => ({ default: module.KeysDialog })));
export const LazyShareDialog = lazy(() => loadShare().then((module) => ({ default: module.ShareDialog })));
export const LazySharedLinksDialog = lazy(() => loadSharedLinks().then((module) => ({ default: module.SharedLinksDialog })));

/** Starts loading the panels ahead of need. */
export function preloadPanels(): void {
  void loadSettings();
  void loadKeys();
  void loadShare();
}

/**
 * True from the first time `open` is: a dialog stays mounted after its first opening, so closing it can still hand
 * focus back, while one never opened costs nothing.
 */
export function useOpenedOnce(open: boolean): boolean {
  const [opened, setOpened] = useState(open);
  if (open && !opened) setOpened(true);
  return opened;
}
