// "Frequently bought together": the item and its complements (co-purchase), each with a checkbox, their total and
// one button that adds the ticked ones.

import { useState } from 'preact/hooks';
import { formatPrice } from '../shared/format.ts';
import { onLinkClick } from '../shared/router.ts';
import type { Item, ListedItem } from '../shared/types.ts';
import { addToCart } from './cart.ts';
import { type Origin, track } from './feedback.ts';
import { itemText, useLanguage } from './i18n.ts';
import { ItemPicture } from './item-picture.tsx';
import { useImpression } from './use-impression.ts';

export function Bundle({ item, entries, requestId }: { item: Item; entries: ListedItem[]; requestId: string }) {
  const { t } = useLanguage();
  const members: Member[] = [
    { item, origin: undefined, reason: '' },
    ...entries
      .filter((entry) => entry.item?.available)
      .map((entry, index) => ({
        item: entry.item!,
        origin: { source: entry.source, position: index, requestId, list: 'item-bundle' },
        reason: entry.reasons[0]?.text ?? '',
      })),
  ];
  const [ticked, setTicked] = useState<Set<string>>(() => new Set(members.map((member) => member.item.id)));
  const chosen = members.filter((member) => ticked.has(member.item.id));
  const total = chosen.reduce((sum, member) => sum + (member.item.price ?? 0), 0);
  const toggle = (id: string) => {
    const next = new Set(ticked);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setTicked(next);
  };
  return (
    <section class="rec-section bundle" aria-labelledby="bundle-title" data-testid="bundle">
      <h2 id="bundle-title">{t('boughtTogether')}</h2>
      <ul class="bundle-items">
        {members.map((member, index) => (
          <BundleMember
            key={member.item.id}
            member={member}
            first={index === 0}
            ticked={ticked.has(member.item.id)}
            onToggle={() => toggle(member.item.id)}
          />
        ))}
      </ul>
      <p class="bundle-total">
        {t('bundleTotal', { count: chosen.length })}: <strong>{formatPrice(total, item.attributes.currency)}</strong>
      </p>
      <button
        type="button"
        class="button"
        disabled={chosen.length === 0}
        onClick={async () => {
          for (const member of chosen) await addToCart(member.item, { origin: member.origin });
        }}
      >
        {t('addBundle')}
      </button>
    </section>
  );
}

interface Member {
  item: Item;
  origin: Origin | undefined;
  reason: string;
}

function BundleMember(props: { member: Member; first: boolean; ticked: boolean; onToggle: () => void }) {
  const { member, first } = props;
  const { lang } = useLanguage();
  const element = useImpression<HTMLLIElement>(member.item.id, member.origin);
  const href = `/item/${encodeURIComponent(member.item.id)}`;
  const title = itemText(member.item, 'title', lang);
  return (
    <li
      class="bundle-item"
      ref={element}
      data-testid={first ? undefined : 'rec-card'}
      data-item-id={member.item.id}
      data-source={member.origin?.source}
    >
      <input type="checkbox" id={`bundle-${member.item.id}`} checked={props.ticked} onChange={props.onToggle} />
      <ItemPicture item={member.item} size="small" />
      <label for={`bundle-${member.item.id}`}>
        {first ? (
          <strong>{title}</strong>
        ) : (
          <a
            href={href}
            onClick={(event) => {
              void track('click', member.item.id, member.origin);
              onLinkClick(event, href);
            }}
          >
            {title}
          </a>
        )}
        <span class="card-price">{formatPrice(member.item.price, member.item.attributes.currency)}</span>
        {member.reason && (
          <span class="card-reason" data-testid="rec-reason">
            {member.reason}
          </span>
        )}
      </label>
    </li>
  );
}
