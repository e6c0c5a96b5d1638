/*!
The country registry: every economy the sources mention, not only LAC.

A [`Registry`] holds one [`Entity`] per ISO 3166-1 country (from the `keshvar` crate),
plus the economies, historic states and aggregates that trade and finance sources report
(galeon's own table, `data/registry/entities.csv`). Each entity carries its codes, its UN M49
region, whether it is one of the 33 CELAC states ([`LAC33`]), and names in English, Spanish,
Portuguese and Chinese.

Resolution is exact: a name is [`normalize`]d (case, accents, punctuation) and looked up among
the entities' own names and the alias table `data/registry/aliases.csv`, which records how IMF,
Comtrade, WITS, WTO, AidData, AEI and other publishers spell each economy. An unknown name is
an error that lists the closest known names; nothing is guessed. Hong Kong, Macao and Taiwan
are economies of their own and never resolve to China.

```
use galeon_registry::{Lang, Registry};
let registry = Registry::global();
let venezuela = registry.resolve("Venezuela, Rep. Bolivariana de").unwrap();
assert_eq!(venezuela.iso3.as_str(), "VEN");
assert!(venezuela.lac);
assert_eq!(registry.resolve("Perú").unwrap().name(Lang::Zh), "秘鲁");
assert!(!registry.resolve("World").unwrap().kind.is_economy());
assert!(registry.resolve("Atlantis").is_err());
```
*/
#![deny(missing_docs)]

mod entity;
mod normalize;
mod registry;

pub use entity::{Entity, EntityKind, InvalidIso3, Iso3, Lang, M49Region, Names};
pub use normalize::{contains_word, normalize};
pub use registry::{CodeScheme, Registry, ResolveError, LAC33};
