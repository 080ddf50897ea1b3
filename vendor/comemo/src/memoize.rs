use std::cell::Cell;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use parking_lot::RwLock;
use siphasher::sip128::{Hasher128, SipHasher13};

use crate::accelerate;
use crate::constraint::Constraint;
use crate::input::Input;
use crate::track::Call;
use crate::tree::{CallTree, InsertError};

/// The global list of eviction functions (the calling thread's part of a
/// cache, every part).
static EVICTORS: RwLock<Vec<(fn(usize), fn(usize))>> = RwLock::new(Vec::new());

/// Executes a function, trying to use a cached result for it.
#[allow(clippy::type_complexity)]
pub fn memoize<'a, In, Out, F>(
    cache: &Cache<In::Call, Out>,
    mut input: In,
    // These values must come from outside so that they have a lifetime that
    // allows them to be attached to the `input`. On the call site, they are
    // simply initialized as `&mut Default::default()`.
    (storage, constraint): &'a mut (
        In::Storage<&'a Constraint<In::Call>>,
        Constraint<In::Call>,
    ),
    enabled: bool,
    func: F,
) -> Out
where
    In: Input<'a>,
    Out: Clone + 'static,
    F: FnOnce(In) -> Out,
{
    // Early bypass if memoization is disabled.
    if !enabled {
        let output = func(input);

        // Ensure that the last call was a miss during testing.
        #[cfg(feature = "testing")]
        crate::testing::register_miss();

        return output;
    }

    // Compute the hash of the input's key part.
    let key = {
        let mut state = SipHasher13::new();
        input.key(&mut state);
        state.finish128().as_u128()
    };

    // Check if there is a cached output.
    let slot = cache.slot();
    if let Some(entry) = slot.read().lookup(key, &input) {
        // Replay mutations.
        for call in &entry.mutable {
            input.call_mut(call);
        }

        #[cfg(feature = "testing")]
        crate::testing::register_hit();

        return entry.output.clone();
    }

    // Attach the constraint.
    input.attach(storage, constraint);

    // Execute the function with the constraint attached.
    let output = func(input);

    // Insert the result into the cache.
    match slot.write().insert(key, constraint, output.clone()) {
        Ok(()) => {}
        Err(InsertError::AlreadyExists) => {
            // A concurrent call with the same arguments may have inserted
            // a value in the meantime. That's okay.
        }
        Err(InsertError::MissingCall) => {
            // A missing call indicates a bug from a comemo user. See the
            // documentation for `InsertError::MissingCall` for more details.
            #[cfg(debug_assertions)]
            panic!("comemo: memoized function is non-deterministic");
        }
    }

    #[cfg(feature = "testing")]
    crate::testing::register_miss();

    output
}

/// Evict this thread's part of the caches.
///
/// This removes all memoized results from the calling thread's caches whose
/// age is larger than or equal to `max_age`. The age of a result grows by one
/// during each eviction and is reset to zero when the result produces a cache
/// hit. Set `max_age` to zero to completely clear them. (Patched for baocao:
/// upstream evicts every thread's results; see PATCHED.md.)
pub fn evict(max_age: usize) {
    for (subevict, _) in EVICTORS.read().iter() {
        subevict(max_age);
    }

    accelerate::evict();
}

/// Evict every thread's part of the caches, as upstream's `evict` does (the
/// accelerators: the calling thread's).
pub fn evict_all(max_age: usize) {
    for (_, subevict) in EVICTORS.read().iter() {
        subevict(max_age);
    }

    accelerate::evict();
}

/// Register eviction functions in the global list: of the calling thread's
/// part of a cache, and of every part.
pub fn register_evictor(evict: fn(usize), evict_all: fn(usize)) {
    EVICTORS.write().push((evict, evict_all));
}

/// How many parts a cache has: each thread uses one (threads beyond that
/// share them, which is correct, only slower).
const SLOTS: usize = 16;

/// The next thread's part.
static NEXT_SLOT: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    /// The calling thread's part of every cache (`usize::MAX`: not yet
    /// assigned).
    static SLOT: Cell<usize> = const { Cell::new(usize::MAX) };
}

/// The calling thread's part.
fn slot_index() -> usize {
    SLOT.with(|s| {
        let mut i = s.get();
        if i == usize::MAX {
            i = NEXT_SLOT.fetch_add(1, Ordering::Relaxed) % SLOTS;
            s.set(i);
        }
        i
    })
}

/// One thread's part of a cache, alone on its cache lines.
#[repr(align(128))]
struct Slot<C, Out>(RwLock<CacheData<C, Out>>);

/// A cache for a single memoized function, in one part per thread (patched
/// for baocao: upstream shares one between all threads, so that every
/// lookup of two threads at once writes the same lock and entries).
pub struct Cache<C, Out> {
    init: fn() -> RwLock<CacheData<C, Out>>,
    slots: OnceLock<Box<[Slot<C, Out>]>>,
}

impl<C: 'static, Out: 'static> Cache<C, Out> {
    /// Create an empty cache.
    ///
    /// It takes an initialization function (it registers the cache's
    /// evictors), run once, when the cache is first used.
    pub const fn new(init: fn() -> RwLock<CacheData<C, Out>>) -> Self {
        Self { init, slots: OnceLock::new() }
    }

    /// Evict the calling thread's entries whose age is larger than or equal
    /// to `max_age`.
    pub fn evict(&self, max_age: usize) {
        self.slot().write().evict(max_age);
    }

    /// Evict every thread's entries whose age is larger than or equal to
    /// `max_age`.
    pub fn evict_all(&self, max_age: usize) {
        if let Some(slots) = self.slots.get() {
            for slot in slots.iter() {
                slot.0.write().evict(max_age);
            }
        }
    }
}

impl<C, Out> Cache<C, Out> {
    /// The calling thread's part.
    fn slot(&self) -> &RwLock<CacheData<C, Out>> {
        let slots = self.slots.get_or_init(|| {
            // `init` registers the evictor: it runs once.
            let first = (self.init)();
            std::iter::once(Slot(first))
                .chain((1..SLOTS).map(|_| Slot(RwLock::new(CacheData::default()))))
                .collect()
        });
        &slots[slot_index()].0
    }
}

/// The internal data for a cache.
pub struct CacheData<C, Out> {
    /// Maps from hashes to memoized results.
    tree: CallTree<C, CacheEntry<C, Out>>,
}

/// A memoized result.
struct CacheEntry<C, Out> {
    /// The memoized function's output.
    output: Out,
    /// Mutable tracked calls that must be replayed.
    mutable: Vec<C>,
    /// How many evictions have passed since the entry has last been used.
    age: AtomicUsize,
}

impl<C, Out: 'static> CacheData<C, Out> {
    /// Evict all entries whose age is larger than or equal to `max_age`.
    fn evict(&mut self, max_age: usize) {
        self.tree.retain(|entry| {
            let age = entry.age.get_mut();
            *age += 1;
            *age <= max_age
        });
    }

    /// Look for a matching entry in the cache.
    fn lookup<'a, In>(&self, key: u128, input: &In) -> Option<&CacheEntry<C, Out>>
    where
        C: Call,
        In: Input<'a, Call = C>,
    {
        self.tree
            .get(key, |c| input.call(c))
            .inspect(|entry| entry.age.store(0, Ordering::Relaxed))
    }

    /// Insert an entry into the cache.
    fn insert(
        &mut self,
        key: u128,
        constraint: &Constraint<C>,
        output: Out,
    ) -> Result<(), InsertError>
    where
        C: Call,
    {
        let (immutable, mutable) = constraint.take();
        self.tree.insert(
            key,
            immutable,
            CacheEntry { output, mutable, age: AtomicUsize::new(0) },
        )
    }
}

impl<C, Out> Default for CacheData<C, Out> {
    fn default() -> Self {
        Self { tree: CallTree::new() }
    }
}
