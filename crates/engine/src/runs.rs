//! A map from run numbers to what loading keeps per run: a sorted vector.
//!
//! Loading has a few dozen runs in flight at most; a `BTreeMap` would do, but each of its
//! key and value types adds several kilobytes of WebAssembly.

/// Values by run number. See the module docs.
#[derive(Debug)]
pub struct RunMap<V>(Vec<(u32, V)>);

impl<V> Default for RunMap<V> {
    fn default() -> Self {
        RunMap(Vec::new())
    }
}

impl<V> RunMap<V> {
    fn find(&self, run: u32) -> Result<usize, usize> {
        self.0.binary_search_by_key(&run, |e| e.0)
    }

    /// Sets the value of `run`.
    pub fn insert(&mut self, run: u32, value: V) {
        match self.find(run) {
            Ok(i) => self.0[i].1 = value,
            Err(i) => self.0.insert(i, (run, value)),
        }
    }

    /// Takes the value of `run` out.
    pub fn remove(&mut self, run: u32) -> Option<V> {
        self.find(run).ok().map(|i| self.0.remove(i).1)
    }

    /// The value of `run`, made by `make` if there is none yet.
    pub fn get_or_insert_with(&mut self, run: u32, make: impl FnOnce() -> V) -> &mut V {
        let i = match self.find(run) {
            Ok(i) => i,
            Err(i) => {
                self.0.insert(i, (run, make()));
                i
            }
        };
        &mut self.0[i].1
    }

    /// How many runs have a value.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether no run has a value.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}
