//! Query results as typed columns, so that no crate outside the store unpacks Arrow arrays.

use datafusion::arrow::array::{Array, ArrayRef, AsArray, RecordBatch};
use datafusion::arrow::compute::{cast, concat};
use datafusion::arrow::datatypes::{DataType, Float64Type, Int64Type};

use crate::export::Column;
use crate::sql::QueryError;

/// The rows of a result, column by column, each column of one type.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Rows {
    names: Vec<String>,
    columns: Vec<Column>,
    len: usize,
}

impl Rows {
    /// Reads Arrow batches: whole numbers as `Int` (unsigned 64-bit ones as `Float`), other
    /// numbers as `Float`, yes/no as `Bool`, everything else (text, dates, codes) as its text; a
    /// column of lists or structs, which no plain type holds, as empty.
    pub(crate) fn from_batches(
        names: Vec<String>,
        batches: &[RecordBatch],
    ) -> Result<Rows, QueryError> {
        let failed = |e: &dyn std::fmt::Display| QueryError::DataFusion(e.to_string());
        let len = batches.iter().map(RecordBatch::num_rows).sum();
        let mut columns = Vec::with_capacity(names.len());
        for j in 0..names.len() {
            let parts: Vec<&dyn Array> = batches.iter().map(|b| b.column(j).as_ref()).collect();
            let whole: ArrayRef = match parts.is_empty() {
                true => {
                    columns.push(Column::Text(vec![]));
                    continue;
                }
                false => concat(&parts).map_err(|e| failed(&e))?,
            };
            // A column no plain type holds (a list, a struct) is shown empty, not a failed result.
            let len = whole.len();
            columns.push(column(&whole).unwrap_or_else(|_| Column::Text(vec![None; len])));
        }
        Ok(Rows {
            names,
            columns,
            len,
        })
    }

    /// Rows built from named columns (of equal lengths).
    pub fn from_columns(columns: Vec<(String, Column)>) -> Rows {
        let len = columns.first().map_or(0, |(_, c)| c.len());
        let (names, columns) = columns.into_iter().unzip();
        Rows {
            names,
            columns,
            len,
        }
    }

    /// How many rows.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The column names.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The position of the column called `name`.
    pub fn position(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n == name)
    }

    /// Column `j` as it is typed.
    pub fn column(&self, j: usize) -> &Column {
        &self.columns[j]
    }

    /// Column `j` as text (numbers written as Rust writes them).
    pub fn text(&self, j: usize) -> Vec<Option<String>> {
        match &self.columns[j] {
            Column::Text(v) => v.clone(),
            Column::Int(v) => v.iter().map(|x| x.map(|x| x.to_string())).collect(),
            Column::Float(v) => v.iter().map(|x| x.map(|x| x.to_string())).collect(),
            Column::Bool(v) => v.iter().map(|x| x.map(|x| x.to_string())).collect(),
        }
    }

    /// Column `j` as numbers (text that is not a number is null).
    pub fn float(&self, j: usize) -> Vec<Option<f64>> {
        match &self.columns[j] {
            Column::Float(v) => v.clone(),
            Column::Int(v) => v.iter().map(|x| x.map(|x| x as f64)).collect(),
            Column::Text(v) => (v.iter())
                .map(|x| x.as_deref().and_then(|x| x.trim().parse().ok()))
                .collect(),
            Column::Bool(v) => v
                .iter()
                .map(|x| x.map(|x| f64::from(u8::from(x))))
                .collect(),
        }
    }

    /// Column `j` as whole numbers: years, counts (a fraction or an out-of-range number is null).
    pub fn int(&self, j: usize) -> Vec<Option<i32>> {
        let whole = |x: f64| {
            (x.fract() == 0.0)
                .then_some(x)
                .and_then(|x| i32::try_from(x as i64).ok())
        };
        match &self.columns[j] {
            Column::Int(v) => v
                .iter()
                .map(|x| x.and_then(|x| i32::try_from(x).ok()))
                .collect(),
            Column::Float(v) => v.iter().map(|x| x.and_then(whole)).collect(),
            Column::Text(v) => (v.iter())
                .map(|x| x.as_deref().and_then(|x| x.trim().parse().ok()))
                .collect(),
            Column::Bool(v) => v.iter().map(|x| x.map(i32::from)).collect(),
        }
    }

    /// Column `j` as yes or no (anything else is null).
    pub fn bool(&self, j: usize) -> Vec<Option<bool>> {
        match &self.columns[j] {
            Column::Bool(v) => v.clone(),
            Column::Text(v) => (v.iter())
                .map(|x| x.as_deref().and_then(|x| x.parse().ok()))
                .collect(),
            _ => vec![None; self.len],
        }
    }
}

impl Column {
    /// How many values.
    pub fn len(&self) -> usize {
        match self {
            Column::Float(v) => v.len(),
            Column::Int(v) => v.len(),
            Column::Bool(v) => v.len(),
            Column::Text(v) => v.len(),
        }
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

fn column(array: &ArrayRef) -> Result<Column, datafusion::arrow::error::ArrowError> {
    let t = array.data_type();
    let values = |a: &dyn Array, i: usize| !a.is_null(i);
    // Unsigned 64-bit numbers may not fit a signed one: read as floating point, never as null.
    Ok(if t.is_integer() && *t != DataType::UInt64 {
        let c = cast(array, &DataType::Int64)?;
        let a = c.as_primitive::<Int64Type>();
        Column::Int(
            (0..a.len())
                .map(|i| values(a, i).then(|| a.value(i)))
                .collect(),
        )
    } else if t.is_numeric() {
        let c = cast(array, &DataType::Float64)?;
        let a = c.as_primitive::<Float64Type>();
        Column::Float(
            (0..a.len())
                .map(|i| values(a, i).then(|| a.value(i)))
                .collect(),
        )
    } else if *t == DataType::Boolean {
        let a = array.as_boolean();
        Column::Bool(
            (0..a.len())
                .map(|i| values(a, i).then(|| a.value(i)))
                .collect(),
        )
    } else {
        let c = cast(array, &DataType::Utf8)?;
        let a = c.as_string::<i32>();
        Column::Text(
            (0..a.len())
                .map(|i| values(a, i).then(|| a.value(i).to_string()))
                .collect(),
        )
    })
}
