// The assistant panel: the conversation (streaming text, tool steps, item cards, plans), a labelled input, and
// send / stop. A dialog on the side of the page (the whole screen on a phone); Escape closes it.

import { useEffect, useRef, useState } from 'preact/hooks';
import { useObservable } from '../shared/observable.ts';
import { type ChatMessage, chatOpen, clearConversation, conversation, sendMessage, stopTurn } from './chat.ts';
import { ChatCard } from './chat-card.tsx';
import { useLanguage } from './i18n.ts';
import { PlanView } from './plan-view.tsx';

export function ChatPanel() {
  const { lang, t } = useLanguage();
  const open = useObservable(chatOpen);
  const messages = useObservable(conversation);
  const [draft, setDraft] = useState('');
  const input = useRef<HTMLTextAreaElement>(null);
  const log = useRef<HTMLDivElement>(null);
  const busy = messages.some((message) => message.streaming);
  useEffect(() => {
    if (open) input.current?.focus();
  }, [open]);
  useEffect(() => {
    log.current?.scrollTo({ top: log.current.scrollHeight });
  }, [messages]);
  if (!open) return null;
  const send = (kind: 'auto' | 'plan' = 'auto') => {
    const text = draft.trim();
    if (!text || busy) return;
    setDraft('');
    void sendMessage(text, { lang, kind });
  };
  return (
    <div
      class="chat-panel"
      role="dialog"
      aria-modal="false"
      aria-labelledby="chat-title"
      data-testid="chat-panel"
      onKeyDown={(event) => {
        if (event.key === 'Escape') chatOpen.set(false);
      }}
    >
      <header class="chat-header">
        <h2 id="chat-title">{t('chatTitle')}</h2>
        <button type="button" class="button button-small button-quiet" onClick={clearConversation}>
          {t('newConversation')}
        </button>
        <button
          type="button"
          class="button button-small button-quiet"
          onClick={() => chatOpen.set(false)}
          aria-label={t('close')}
        >
          ✕
        </button>
      </header>
      <div class="chat-log" ref={log} aria-live="polite">
        {messages.length === 0 && <p class="hint">{t('chatHint')}</p>}
        {messages.map((message) => (
          <Message key={message.id} message={message} />
        ))}
      </div>
      <form
        class="chat-form"
        onSubmit={(event) => {
          event.preventDefault();
          send();
        }}
      >
        <label for="chat-input" class="visually-hidden">
          {t('chatPlaceholder')}
        </label>
        <textarea
          id="chat-input"
          ref={input}
          rows={2}
          value={draft}
          placeholder={t('chatPlaceholder')}
          onInput={(event) => setDraft(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !event.shiftKey) {
              event.preventDefault();
              send();
            }
          }}
        />
        <div class="chat-actions">
          {busy ? (
            <button type="button" class="button" onClick={stopTurn}>
              {t('stop')}
            </button>
          ) : (
            <>
              <button type="submit" class="button" disabled={!draft.trim()}>
                {t('send')}
              </button>
              <button type="button" class="button button-quiet" disabled={!draft.trim()} onClick={() => send('plan')}>
                {t('planFor')}
              </button>
            </>
          )}
        </div>
      </form>
    </div>
  );
}

function Message({ message }: { message: ChatMessage }) {
  const { t } = useLanguage();
  if (message.role === 'user') {
    return (
      <div class="message message-user">
        <span class="visually-hidden">{t('you')}: </span>
        {message.text}
      </div>
    );
  }
  return (
    <div class="message message-assistant" data-testid="chat-answer" aria-busy={message.streaming}>
      {message.tools.length > 0 && (
        <ul class="tool-steps" aria-label="tools">
          {message.tools.map((tool, index) => (
            <li key={index} class={`tool tool-${tool.status}`} title={JSON.stringify(tool.input)}>
              {tool.name}
              {tool.candidates !== undefined ? ` · ${tool.candidates}` : ''}
            </li>
          ))}
        </ul>
      )}
      {message.text && <p class="message-text">{message.text}</p>}
      {message.streaming && !message.text && <p class="loading">{message.progress ?? t('thinking')}</p>}
      {message.error && (
        <p class="error" role="alert">
          {message.error === 'unavailable' ? t('chatUnavailable') : t('error', { message: message.error })}
        </p>
      )}
      {message.plan ? (
        <PlanView plan={message.plan} requestId={message.requestId} />
      ) : (
        message.items.length > 0 && (
          <ul class="chat-cards">
            {message.items.map((card, position) => (
              <ChatCard
                key={card.id}
                card={card}
                origin={{ source: 'assistant', position, requestId: message.requestId, list: 'chat' }}
              />
            ))}
          </ul>
        )
      )}
    </div>
  );
}
