/**
 * "The story": the article pack's timeline, in order, limited to the events that involve a
 * name on the current page (all of them when the page has none). Each event shows the
 * article's own date words, with how the date was worked out one click away, and opens to the
 * article's verbatim words.
 */

import { useId, useState } from "preact/hooks";
import type { KnowledgePack, TimelineEvent } from "../core/knowledge-schema";
import { AssumedDateButton } from "../ui/assumed-date-button";
import type { Translate } from "../ui/card/entity-card";
import { ChevronIcon } from "../ui/icons";

/** The events of `timeline` that involve one of `pageIds`, in timeline order. */
export function eventsForPage(
  timeline: readonly TimelineEvent[],
  pageIds: ReadonlySet<string>,
): TimelineEvent[] {
  return timeline.filter((event) => event.entities.some((id) => pageIds.has(id)));
}

export function StorySection({
  t,
  pack,
  pageIds,
}: {
  t: Translate;
  pack: KnowledgePack;
  /** Ids of the entities mentioned on the page; empty when the page has none or is not read. */
  pageIds: ReadonlySet<string>;
}) {
  const baseId = useId();
  const [showAll, setShowAll] = useState(false);
  const timeline = pack.timeline ?? [];
  if (timeline.length === 0) return null;

  const restrictable = pageIds.size > 0;
  const relevant = restrictable ? eventsForPage(timeline, pageIds) : timeline;
  const restricted = restrictable && !showAll && relevant.length < timeline.length;
  const shown = restricted ? relevant : timeline;

  return (
    <section class="popup__section story" aria-labelledby={`${baseId}-story`} data-testid="story">
      <div class="section-head">
        <h2 class="section-title" id={`${baseId}-story`}>
          {t("storyTitle")}
        </h2>
        {restrictable && relevant.length < timeline.length ? (
          <button
            type="button"
            class="button button--quiet"
            aria-pressed={showAll ? "true" : "false"}
            onClick={() => setShowAll(!showAll)}
          >
            {t("storyShowAll")}
          </button>
        ) : null}
      </div>
      {restrictable ? (
        <p class="story__scope" data-testid="story-scope">
          {relevant.length === 0
            ? t("storyScopeNone")
            : t("storyScopePage", [String(relevant.length), String(timeline.length)])}
        </p>
      ) : null}
      {shown.length > 0 ? (
        <ol class="story__events">
          {shown.map((event) => (
            <StoryEvent
              key={event.id}
              t={t}
              event={event}
              domId={`${baseId}-${event.id}`}
              dimmed={showAll && restrictable && !relevant.includes(event)}
            />
          ))}
        </ol>
      ) : null}
      <p class="story__source" data-testid="story-source">
        {t("storySource", pack.source.title)}
      </p>
    </section>
  );
}

function StoryEvent({
  t,
  event,
  domId,
  dimmed,
}: {
  t: Translate;
  event: TimelineEvent;
  domId: string;
  /** Shown only because the user asked for every event: none of its names is on the page. */
  dimmed: boolean;
}) {
  const [open, setOpen] = useState(false);
  const [dateOpen, setDateOpen] = useState(false);
  return (
    <li class={`story__event${dimmed ? " story__event--other" : ""}`} data-event-id={event.id}>
      <p class="story__date">
        <span>{event.date.text}</span>
        {event.date.assumed ? (
          <AssumedDateButton
            class="info-button"
            open={dateOpen}
            onToggle={() => setDateOpen(!dateOpen)}
            controls={`${domId}-date`}
            label={t("cardDateAssumed")}
          />
        ) : null}
      </p>
      {event.date.assumed ? (
        <p class="story__assumed" id={`${domId}-date`} hidden={!dateOpen} data-testid="date-assumed">
          {event.date.assumed}
        </p>
      ) : null}
      <button
        type="button"
        class="story__toggle"
        aria-expanded={open ? "true" : "false"}
        aria-controls={`${domId}-quote`}
        title={open ? t("cardHideQuote") : t("cardShowQuote")}
        onClick={() => setOpen(!open)}
      >
        <ChevronIcon />
        <span class="story__title">{event.title}</span>
      </button>
      <div id={`${domId}-quote`} class="story__quote-region">
        {open ? (
          <figure class="story__words">
            <figcaption class="story__caption">{t("cardArticleWords")}</figcaption>
            <blockquote class="story__quote">
              <q>{event.quote}</q>
            </blockquote>
          </figure>
        ) : null}
      </div>
    </li>
  );
}
