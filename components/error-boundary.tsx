import { Component, Fragment, useState, type ErrorInfo, type ReactNode } from 'react';
import { buildErrorReport } from '@/lib/error-report';
import { t } from '@/lib/i18n';

/** Where an error was caught: said in the report, so the bug can be found. */
export type Surface =
  'popup' | 'popup-list' | 'popup-detail' | 'side-panel' | 'side-panel-card' | 'options' | 'data' | 'import' | 'ics-import';

function extensionVersion(): string {
  try {
    return browser.runtime.getManifest().version ?? '?';
  } catch {
    return '?';
  }
}

/** Copies the report; where the clipboard refuses, the report is shown to select and copy by hand. */
function ReportButton({ report }: { report: () => string }) {
  const [copied, setCopied] = useState<'copied' | 'failed' | null>(null);
  const [text, setText] = useState('');
  const copy = () => {
    const made = report();
    setText(made);
    Promise.resolve()
      .then(() => navigator.clipboard.writeText(made))
      .then(
        () => setCopied('copied'),
        () => setCopied('failed'),
      );
  };
  return (
    <>
      <button type="button" onClick={copy}>
        {t('errorReport')}
      </button>
      {copied === 'copied' && <p role="status">{t('errorReportCopied')}</p>}
      {copied === 'failed' && (
        <>
          <p role="status">{t('errorReportCopyFailed')}</p>
          <textarea className="error-panel__report" aria-label={t('errorReportLabel')} readOnly value={text} rows={8} />
        </>
      )}
    </>
  );
}

/**
 * What a surface (or one card of it) shows instead of what failed: a clear message, "Opnieuw laden"
 * and "Meld het probleem" (a report without mail content on the clipboard). Never a blank page.
 */
export function ErrorPanel({
  error,
  componentStack = null,
  surface,
  variant = 'page',
  onReload,
  back,
  detail,
}: {
  error: unknown;
  /** what failed, in words, instead of the general text (a read of the store: "could not be read: …") */
  detail?: string;
  componentStack?: string | null;
  surface: Surface;
  variant?: 'page' | 'card';
  onReload: () => void;
  /** a way out of a view that keeps failing (the popup's detail: back to the list) */
  back?: { label: string; go: () => void };
}) {
  const report = () =>
    buildErrorReport({
      error,
      componentStack,
      surface,
      extensionVersion: extensionVersion(),
      userAgent: globalThis.navigator?.userAgent ?? '?',
      at: Date.now(),
    });
  return (
    <section role="alert" className={`error-panel error-panel--${variant}`} data-surface={surface}>
      <h2 className="error-panel__title">{t('errorTitle')}</h2>
      <p>{detail ?? (variant === 'card' ? t('errorCardBody') : t('errorBody'))}</p>
      <div className="error-panel__actions">
        <button type="button" onClick={onReload}>
          {t('errorReload')}
        </button>
        <ReportButton report={report} />
        {back && (
          <button type="button" className="link-button" onClick={back.go}>
            {back.label}
          </button>
        )}
      </div>
    </section>
  );
}

/** The text of an error, for a message on screen (the user's own data may be in it: it stays on screen). */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** "De gegevens konden niet worden gelezen: …": a read of the store or of settings that failed. */
export function loadErrorText(error: unknown): string {
  return t('loadError', { error: errorText(error) });
}

interface BoundaryState {
  error: unknown;
  componentStack: string | null;
  /** bumped by "Opnieuw laden": the children mount afresh, and read again */
  attempt: number;
}

/**
 * Catches what its children throw while rendering (a record no guard foresaw, a bug) and shows the
 * ErrorPanel in their place; the rest of the page keeps working. One per surface, and one per
 * side-panel card so one broken card does not blank the panel.
 */
export class ErrorBoundary extends Component<
  {
    surface: Surface;
    variant?: 'page' | 'card';
    children: ReactNode;
    onReload?: () => void;
    back?: { label: string; go: () => void };
  },
  BoundaryState
> {
  override state: BoundaryState = { error: null, componentStack: null, attempt: 0 };

  static getDerivedStateFromError(error: unknown): Partial<BoundaryState> {
    // a thrown null or undefined is still a failure
    return { error: error ?? new Error('unknown error') };
  }

  override componentDidCatch(_error: unknown, info: ErrorInfo): void {
    this.setState({ componentStack: info.componentStack ?? null });
  }

  private readonly reload = () => {
    this.props.onReload?.();
    this.setState((state) => ({ error: null, componentStack: null, attempt: state.attempt + 1 }));
  };

  override render(): ReactNode {
    const { error, componentStack, attempt } = this.state;
    if (error) {
      return (
        <ErrorPanel
          error={error}
          componentStack={componentStack}
          surface={this.props.surface}
          variant={this.props.variant}
          onReload={this.reload}
          back={this.props.back}
        />
      );
    }
    return <Fragment key={attempt}>{this.props.children}</Fragment>;
  }
}
