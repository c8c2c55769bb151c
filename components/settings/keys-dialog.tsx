'use client';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog, DialogCloseButton } from '@/components/ui/dialog';
import { hintClass, inputClass } from '@/components/ui/field';
import type { CatalogView } from '@/lib/protocol/catalog';
import { keyHeaders, providerKeyProblem } from '@/lib/client/provider-keys';
import { describeRequestError, fetchOrThrow } from '@/lib/client/request-error';
import { keyCheckResponseSchema, type KeyCheckResponse } from '@/lib/protocol/key-check';

type ProviderView = CatalogView['providers'][number];

/** The last four characters of a key, and only for keys long enough that four characters give nothing away. */
function keyEnding(key: string): string | undefined {
  return key.length >= 12 ? key.slice(-4) : undefined;
}

/**
 * A modal dialog to save, replace and remove bring-your-own provider keys, for the providers that take one. It opens
 * with `open`, closes on Escape, the Close button or a click outside, calls `onClose` then, and gives focus back to
 * what had it before.
 */
export function KeysDialog({
  providers,
  keys,
  onSetKey,
  onRemoveKey,
  open,
  onClose,
}: {
  providers: CatalogView['providers'];
  keys: Record<string, string>;
  onSetKey(providerId: string, key: string): void;
  onRemoveKey(providerId: string): void;
  open: boolean;
  onClose(): void;
}) {
  const id = useId();
  const [announcement, setAnnouncement] = useState('');
  useEffect(() => {
    if (open) setAnnouncement('');
  }, [open]);

  const keyProviders = providers.filter((provider) => provider.acceptsKey);
  return (
    <Dialog open={open} onClose={onClose} labelledBy={`${id}-title`} describedBy={`${id}-privacy`} testId="keys-dialog">
      <div className="space-y-3 p-4 text-sm">
        <h2 id={`${id}-title`} className="text-base font-semibold">
          API keys
        </h2>
        <p id={`${id}-privacy`} className="text-zinc-700 dark:text-zinc-300">
          Keys stay in this browser (localStorage) and are sent only with your own requests to this app, which passes
          them to the provider for that request and never stores or logs them.
        </p>
        <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {keyProviders.map((provider) => (
            <ProviderKeyRow
              key={provider.id}
              provider={provider}
              savedKey={keys[provider.id]}
              onSave={(key) => {
                onSetKey(provider.id, key);
                setAnnouncement(`${provider.name} key saved.`);
              }}
              onRemove={() => {
                onRemoveKey(provider.id);
                setAnnouncement(`${provider.name} key removed.`);
              }}
            />
          ))}
        </ul>
        <p className={hintClass}>Local servers (Ollama, vLLM, LM Studio) and the simulator need no key.</p>
        <div className="flex items-center justify-between gap-3">
          <p role="status" className={hintClass}>
            {announcement}
          </p>
          <DialogCloseButton />
        </div>
      </div>
    </Dialog>
  );
}

function ProviderKeyRow({
  provider,
  savedKey,
  onSave,
  onRemove,
}: {
  provider: ProviderView;
  savedKey: string | undefined;
  onSave: (key: string) => void;
  onRemove: () => void;
}) {
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string>();
  const [checked, setChecked] = useState<{ state: 'checking' } | { state: 'done'; result: Pick<KeyCheckResponse, 'ok' | 'message'> }>();
  const ending = savedKey === undefined ? undefined : keyEnding(savedKey);
  // A result is about the key that was tested: a new or removed key starts over.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the saved key is the trigger, not a value read here.
  useEffect(() => setChecked(undefined), [savedKey]);

  const test = async (key: string) => {
    setChecked({ state: 'checking' });
    try {
      const response = await fetchOrThrow('/api/keys/check', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...keyHeaders({ [provider.id]: key }) },
        body: JSON.stringify({ provider: provider.id }),
      });
      setChecked({ state: 'done', result: keyCheckResponseSchema.parse(await response.json()) });
    } catch (error) {
      setChecked({ state: 'done', result: { ok: false, message: describeRequestError(error).message } });
    }
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    const found = providerKeyProblem(draft);
    setProblem(found);
    if (found) return;
    onSave(draft.trim());
    setDraft('');
  };
  const remove = () => {
    onRemove();
    // The Remove button goes away with the key; keep focus in the row.
    inputRef.current?.focus();
  };

  return (
    <li className="space-y-1.5 py-2.5">
      <div className="flex flex-wrap items-baseline justify-between gap-x-3">
        <label htmlFor={`${id}-input`} className="font-medium">
          {provider.name}
          <span className="sr-only"> API key</span>
        </label>
        <span className={hintClass} id={`${id}-state`}>
          {savedKey !== undefined
            ? 'Your key is used'
            : provider.available
              ? 'Available with the server’s key'
              : 'No key: its models are unavailable'}
        </span>
      </div>
      {savedKey !== undefined && (
        <div className="flex flex-wrap items-center justify-between gap-2">
          <span className="font-mono text-xs" data-testid={`key-saved-${provider.id}`}>
            <span aria-hidden="true">••••</span>
            {ending ? (
              <>
                <span className="sr-only">Saved key ending in </span>
                {ending}
              </>
            ) : (
              <span className="sr-only">Key saved</span>
            )}
          </span>
          <span className="flex gap-2">
            <Button
              onClick={() => void test(savedKey)}
              disabled={checked?.state === 'checking'}
              aria-label={`Test the ${provider.name} key`}
              data-testid={`key-test-${provider.id}`}
            >
              {checked?.state === 'checking' ? 'Testing…' : 'Test key'}
            </Button>
            <Button
              onClick={remove}
              aria-label={`Remove the ${provider.name} key`}
              data-testid={`key-remove-${provider.id}`}
            >
              Remove
            </Button>
          </span>
        </div>
      )}
      {checked?.state === 'done' && (
        <p
          role="status"
          data-testid={`key-check-${provider.id}`}
          className={`text-xs ${checked.result.ok ? 'text-emerald-800 dark:text-emerald-300' : 'text-red-700 dark:text-red-400'}`}
        >
          {checked.result.message}
        </p>
      )}
      <form onSubmit={save} className="flex gap-2">
        <input
          ref={inputRef}
          id={`${id}-input`}
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={draft}
          onChange={(event) => {
            setDraft(event.target.value);
            setProblem(undefined);
          }}
          aria-invalid={problem !== undefined || undefined}
          aria-describedby={problem ? `${id}-problem` : `${id}-state`}
          data-testid={`key-input-${provider.id}`}
          placeholder={savedKey !== undefined ? 'Paste a new key to replace it' : 'Paste a key'}
          className={`${inputClass} min-w-0 flex-1 font-mono placeholder:font-sans placeholder:text-zinc-500 dark:placeholder:text-zinc-400`}
        />
        <Button type="submit" data-testid={`key-save-${provider.id}`}>
          Save<span className="sr-only"> the {provider.name} key</span>
        </Button>
      </form>
      {problem && (
        <p id={`${id}-problem`} className="text-xs text-red-700 dark:text-red-400">
          {problem}
        </p>
      )}
    </li>
  );
}
