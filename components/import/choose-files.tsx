import { useEffect, useId, useState, type DragEvent } from 'react';
import { acceptedFiles } from '@/lib/import/file-kinds';
import { t } from '@/lib/i18n';
import { isValidAddress } from '@/lib/vocabulary/address';
import { formatSize } from './format';

/** A file input that also takes files dropped on it; the files go to `onFiles`. */
export function FileDrop({ onFiles, multiple = true }: { onFiles: (files: File[]) => void; multiple?: boolean }) {
  const inputId = useId();
  const [over, setOver] = useState(false);
  const drop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    const files = [...(event.dataTransfer?.files ?? [])];
    if (files.length > 0) onFiles(multiple ? files : files.slice(0, 1));
  };
  return (
    <div
      className={`import__drop${over ? ' import__drop--over' : ''}`}
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
    >
      <p>{t('importDropHere')}</p>
      <label htmlFor={inputId} className="import__choose">
        {t('importChoose')}
      </label>
      <input
        id={inputId}
        type="file"
        multiple={multiple}
        accept={acceptedFiles()}
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          if (files.length > 0) onFiles(files);
          event.target.value = '';
        }}
      />
    </div>
  );
}

/** The addresses typed in: each lower-cased, the first one that is no address named. */
export function parseOwnAddresses(text: string): { addresses: string[]; invalid: string | null } {
  const addresses: string[] = [];
  for (const part of text.split(/[\s,;]+/)) {
    if (!part) continue;
    const address = part.toLowerCase();
    if (!isValidAddress(address)) return { addresses, invalid: part };
    if (!addresses.includes(address)) addresses.push(address);
  }
  return { addresses, invalid: null };
}

/** A new import: the user's own addresses, the files, and the button. */
export function ChooseFiles({
  knownAddresses,
  onStart,
}: {
  knownAddresses: () => Promise<string[]>;
  onStart: (files: File[], ownAddresses: string[]) => void;
}) {
  const ownId = useId();
  const [own, setOwn] = useState<string | null>(null);
  const [files, setFiles] = useState<File[]>([]);
  useEffect(() => {
    let current = true;
    knownAddresses().then(
      (addresses) => current && setOwn((typed) => typed ?? addresses.join(', ')),
      () => current && setOwn((typed) => typed ?? ''),
    );
    return () => {
      current = false;
    };
  }, [knownAddresses]);
  const parsed = parseOwnAddresses(own ?? '');
  const ownError = parsed.invalid
    ? t('importOwnInvalid', { address: parsed.invalid })
    : parsed.addresses.length === 0
      ? t('importOwnMissing')
      : null;
  return (
    <form
      className="import__choose-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (!ownError && files.length > 0) onStart(files, parsed.addresses);
      }}
    >
      <label htmlFor={ownId}>{t('importOwnLabel')}</label>
      <input
        id={ownId}
        type="text"
        value={own ?? ''}
        onChange={(event) => setOwn(event.target.value)}
        aria-invalid={ownError !== null && own !== null ? true : undefined}
        aria-describedby={`${ownId}-hint`}
        autoComplete="email"
      />
      <p id={`${ownId}-hint`} className="import__hint">
        {own !== null && ownError ? ownError : t('importOwnHint')}
      </p>
      <FileDrop onFiles={setFiles} />
      {files.length > 0 && (
        <section aria-label={t('importChosen')}>
          <ul className="import__files">
            {files.map((file, index) => (
              <li key={`${index}-${file.name}`}>{t('importFileLine', { name: file.name, size: formatSize(file.size) })}</li>
            ))}
          </ul>
        </section>
      )}
      <button type="submit" disabled={files.length === 0 || ownError !== null}>
        {t('importStart')}
      </button>
    </form>
  );
}
