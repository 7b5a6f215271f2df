/** The words for each kind of name, as i18n keys (assets/_locales), shared by every page and card. */
import type { EntityKind } from "../core/knowledge-schema";

/** A kind's label for one name ("Company"). */
export const KIND_KEYS: Record<EntityKind, string> = {
  company: "kindCompany",
  model: "kindModel",
  product: "kindProduct",
  person: "kindPerson",
  media: "kindMedia",
  benchmark: "kindBenchmark",
  concept: "kindConcept",
};

/** A kind's heading over a group of names ("Companies"). */
export const KIND_GROUP_KEYS: Record<EntityKind, string> = {
  company: "kindGroupCompany",
  model: "kindGroupModel",
  product: "kindGroupProduct",
  person: "kindGroupPerson",
  media: "kindGroupMedia",
  benchmark: "kindGroupBenchmark",
  concept: "kindGroupConcept",
};
