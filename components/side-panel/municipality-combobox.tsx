import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { allMunicipalities } from '@/lib/data';
import { t } from '@/lib/i18n';
import { foldForSearch } from '@/lib/vocabulary/text-folding';

/** How many options the list shows at once; the rest are a keystroke away. */
const MAX_OPTIONS = 50;

interface Option {
  /** a CBS code, or null for "belongs to no municipality" */
  code: string | null;
  label: string;
  detail: string;
}

interface Indexed extends Option {
  folded: string;
}

let index: Indexed[] | null = null;
function municipalityIndex(): Indexed[] {
  index ??= [...allMunicipalities()]
    .sort((a, b) => a.name.localeCompare(b.name, 'nl'))
    .map((record) => ({
      code: record.code,
      label: record.name,
      detail: record.province,
      folded: foldForSearch(`${record.name} ${record.officialName} ${record.code}`),
    }));
  return index;
}

/** Names starting with the query first ("ede" finds Ede before Heerde), then the others. */
export function searchMunicipalities(query: string): Option[] {
  const folded = foldForSearch(query);
  if (!folded) return municipalityIndex();
  const words = folded.split(' ');
  const starts: Option[] = [];
  const contains: Option[] = [];
  for (const entry of municipalityIndex()) {
    if (!words.every((word) => entry.folded.includes(word))) continue;
    (entry.folded.startsWith(folded) || entry.folded.split(' ').some((part) => part.startsWith(words[0]!))
      ? starts
      : contains
    ).push(entry);
  }
  return [...starts, ...contains];
}

/**
 * A combobox over the 342 municipalities (WAI-ARIA 1.2 combobox with a listbox popup): type to
 * filter (case and accents folded), arrows to move, Enter to choose, Escape to close or clear.
 * Focus stays in the input; the active option is announced through aria-activedescendant.
 */
export function MunicipalityCombobox({
  value,
  onChange,
  label,
  allowNone = true,
}: {
  /** the chosen option: a code, null for "no municipality", undefined for nothing chosen yet */
  value: string | null | undefined;
  onChange: (code: string | null | undefined) => void;
  label: string;
  allowNone?: boolean;
}) {
  const id = useId();
  const listId = `${id}-list`;
  const inputRef = useRef<HTMLInputElement>(null);
  const chosen = useMemo(
    () =>
      value === undefined
        ? ''
        : value === null
          ? t('panelMunicipalityNone')
          : (municipalityIndex().find((entry) => entry.code === value)?.label ?? value),
    [value],
  );
  const [query, setQuery] = useState(chosen);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);

  const matches = useMemo(
    () => (query === chosen && value !== undefined ? municipalityIndex() : searchMunicipalities(query)),
    [query, chosen, value],
  );
  const none: Option = { code: null, label: t('panelMunicipalityNone'), detail: '' };
  const options = [...(allowNone ? [none] : []), ...matches.slice(0, MAX_OPTIONS)];
  const more = Math.max(0, matches.length - MAX_OPTIONS);
  const activeIndex = Math.min(active, options.length - 1);
  const optionId = (position: number) => `${id}-opt-${position}`;
  // the active option stays in view while the arrows move through a scrolled list
  useEffect(() => {
    if (open) document.getElementById(optionId(activeIndex))?.scrollIntoView?.({ block: 'nearest' });
  });

  const choose = (option: Option) => {
    onChange(option.code);
    setQuery(option.code === null ? t('panelMunicipalityNone') : option.label);
    setOpen(false);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!open) setOpen(true);
        else setActive((position) => Math.min(position + 1, options.length - 1));
        break;
      case 'ArrowUp':
        event.preventDefault();
        if (!open) setOpen(true);
        else setActive((position) => Math.max(position - 1, 0));
        break;
      case 'PageDown':
        if (open) {
          event.preventDefault();
          setActive((position) => Math.min(position + 10, options.length - 1));
        }
        break;
      case 'PageUp':
        if (open) {
          event.preventDefault();
          setActive((position) => Math.max(position - 10, 0));
        }
        break;
      case 'Enter':
        if (open && options[activeIndex]) {
          event.preventDefault();
          choose(options[activeIndex]);
        }
        break;
      case 'Escape':
        if (open) {
          event.preventDefault();
          event.stopPropagation();
          setOpen(false);
        } else if (query) {
          event.preventDefault();
          event.stopPropagation();
          setQuery('');
          onChange(undefined);
        }
        break;
      case 'Tab':
        setOpen(false);
        break;
    }
  };

  const countText =
    matches.length === 0
      ? t('panelResultsNone')
      : matches.length === 1
        ? t('panelResultsOne')
        : t('panelResultsMany', { count: matches.length });

  return (
    <div className="combobox">
      <label htmlFor={`${id}-input`}>{label}</label>
      <input
        id={`${id}-input`}
        ref={inputRef}
        type="text"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        placeholder={t('panelMunicipalitySearch')}
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && options[activeIndex] ? optionId(activeIndex) : undefined}
        aria-describedby={`${id}-count`}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(allowNone && event.target.value ? 1 : 0);
          setOpen(true);
          if (value !== undefined) onChange(undefined);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
        onClick={() => setOpen(true)}
      />
      <span id={`${id}-count`} className="visually-hidden" role="status">
        {open ? countText : ''}
      </span>
      <ul id={listId} role="listbox" aria-label={label} className="combobox__list" hidden={!open}>
        {open &&
          options.map((option, position) => (
            <li
              key={option.code ?? 'none'}
              id={optionId(position)}
              role="option"
              aria-selected={position === activeIndex}
              className={position === activeIndex ? 'combobox__option combobox__option--active' : 'combobox__option'}
              data-code={option.code ?? ''}
              // keep focus in the input: choosing with the mouse must not blur it first
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => {
                choose(option);
                inputRef.current?.focus();
              }}
            >
              <span className="combobox__label">{option.label}</span>
              {option.detail && <span className="combobox__detail"> {option.detail}</span>}
            </li>
          ))}
        {open && more > 0 && (
          <li role="presentation" className="combobox__more">
            {t('panelResultsMore', { count: more })}
          </li>
        )}
      </ul>
    </div>
  );
}
