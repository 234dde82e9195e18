//! Mutation campaign (stable toolchain, `docs/fuzz.md`) over the 19 code tables of
//! `src/tabelas/`: `FromStr`/`From` and serde on mutated codes (seeds: every known code, the
//! number texts of `renave_domain::fuzz::NUMEROS`).
//!
//! Properties, for every input: no panic; any text is kept exactly (`as_str`, `Display`) and is
//! known exactly when it is one of `CONHECIDOS`; serde reads any JSON string (or integer, as
//! its decimal text) as `FromStr` reads that text, and refuses every other JSON value; what
//! serde wrote reads back as the same code and is written the same way again (an unknown code
//! goes back in the JSON type it came in).
//!
//! `RENAVE_FUZZ_ITERACOES` inputs per table (default [`PADRAO`]), `RENAVE_FUZZ_SEMENTE` the
//! seed.
#![cfg(feature = "fuzz")]
#![allow(clippy::unwrap_used)] // Tests: a failed unwrap is a failed test.

use std::fmt::{Debug, Display};
use std::str::FromStr;

use renave_domain::fuzz::{self, Campanha, Mutador, Veredito};
use renave_domain::*;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Inputs per table in `cargo test`.
const PADRAO: u64 = 1_000;

trait Tabela:
    FromStr<Err = std::convert::Infallible>
    + for<'a> From<&'a str>
    + From<String>
    + Display
    + Debug
    + PartialEq
    + Serialize
    + DeserializeOwned
    + AsRef<str>
{
    fn conhecidos() -> Vec<String>;
    fn conhecido(&self) -> bool;
    fn tem_descricao(&self) -> bool;
}

macro_rules! tabelas {
    ($($teste:ident: $tipo:ident,)+) => {
        $(
            impl Tabela for $tipo {
                fn conhecidos() -> Vec<String> {
                    $tipo::CONHECIDOS.iter().map(|c| c.as_str().to_owned()).collect()
                }
                fn conhecido(&self) -> bool {
                    self.is_conhecido()
                }
                fn tem_descricao(&self) -> bool {
                    self.descricao().is_some()
                }
            }

            #[test]
            fn $teste() {
                campanha::<$tipo>(stringify!($tipo));
            }
        )+
    };
}

tabelas! {
    fuzz_codigo_retorno: CodigoRetorno,
    fuzz_atividade: Atividade,
    fuzz_categoria: Categoria,
    fuzz_modalidade_compra: ModalidadeCompra,
    fuzz_isencao_ipva: IsencaoIpva,
    fuzz_codigo_taxa: CodigoTaxa,
    fuzz_tipo_veiculo: TipoVeiculo,
    fuzz_tipo_documento_adquirente: TipoDocumentoAdquirente,
    fuzz_documento_id: DocumentoId,
    fuzz_tipo_crv: TipoCrv,
    fuzz_tipo_documento: TipoDocumento,
    fuzz_estado_estoque: EstadoEstoque,
    fuzz_evento_nota_fiscal: EventoNotaFiscal,
    fuzz_motivo_saida: MotivoSaida,
    fuzz_tipo_assinatura_vendedor: TipoAssinaturaVendedor,
    fuzz_estado_autorizacao_transferencia: EstadoAutorizacaoTransferencia,
    fuzz_estado_intencao_venda: EstadoIntencaoVenda,
    fuzz_motivo_rejeicao: MotivoRejeicao,
    fuzz_motivo_devolucao_montadora: MotivoDevolucaoMontadora,
}

fn garantir(condicao: bool, mensagem: impl FnOnce() -> String) -> Result<(), String> {
    if condicao { Ok(()) } else { Err(mensagem()) }
}

/// What serde wrote reads back as the same code and is written the same way again.
fn escrita_estavel<T: Tabela>(v: &T) -> Result<String, String> {
    let escrito = serde_json::to_string(v).map_err(|e| format!("serialise {v:?}: {e}"))?;
    let lido: T =
        serde_json::from_str(&escrito).map_err(|e| format!("{escrito} does not read back: {e}"))?;
    garantir(&lido == v, || {
        format!("{escrito} reads back as {lido:?}, not {v:?}")
    })?;
    let reescrito = serde_json::to_string(&lido).map_err(|e| e.to_string())?;
    garantir(reescrito == escrito, || {
        format!("{v:?} written {escrito}, then {reescrito}")
    })?;
    Ok(escrito)
}

fn verificar<T: Tabela>(conhecidos: &[String], s: &str) -> Veredito {
    let lido = T::from(s);
    let Ok(de_fromstr) = s.parse::<T>();
    garantir(lido.as_ref() == s && lido.to_string() == s, || {
        format!("{s:?} kept as {:?}", lido.as_ref())
    })?;
    garantir(de_fromstr == lido && T::from(s.to_owned()) == lido, || {
        "From<&str>, From<String> and FromStr disagree".to_owned()
    })?;
    let conhecido = conhecidos.iter().any(|k| k == s);
    garantir(
        lido.conhecido() == conhecido && lido.tem_descricao() == conhecido,
        || format!("{s:?}: is_conhecido {} / descricao", lido.conhecido()),
    )?;
    let _ = format!("{lido:?}");

    // A JSON string: read as FromStr reads its text; an unknown one is written back as it came.
    let json = serde_json::to_string(s).map_err(|e| e.to_string())?;
    let do_json: T =
        serde_json::from_str(&json).map_err(|e| format!("the JSON string {json} refused: {e}"))?;
    garantir(do_json == lido, || {
        format!("serde read {json} as {do_json:?}")
    })?;
    let escrito = escrita_estavel(&do_json)?;
    if !conhecido {
        garantir(escrito == json, || {
            format!("unknown {json} written back as {escrito}")
        })?;
    }

    // The raw text as JSON: an integer is read as its decimal text; anything but a string or
    // an integer is refused.
    let bruto = serde_json::from_str::<T>(s);
    match serde_json::from_str::<Value>(s) {
        Ok(Value::String(interno)) => {
            let valor = bruto.map_err(|e| format!("JSON string refused: {e}"))?;
            garantir(valor.as_ref() == interno, || {
                format!("{s} read as {valor:?}")
            })?;
        }
        Ok(Value::Number(n)) if n.is_u64() || n.is_i64() => {
            let valor = bruto.map_err(|e| format!("JSON integer refused: {e}"))?;
            garantir(valor.as_ref() == n.to_string(), || {
                format!("{s} read as {valor:?}")
            })?;
            let escrito = escrita_estavel(&valor)?;
            if !valor.conhecido() {
                garantir(escrito == n.to_string(), || {
                    format!("unknown integer {s} written back as {escrito}")
                })?;
            }
        }
        _ => garantir(bruto.is_err(), || {
            format!("{s} (neither a string nor an integer) accepted as {bruto:?}")
        })?,
    }
    Ok(conhecido)
}

fn campanha<T: Tabela>(alvo: &str) {
    let semente = fuzz::semente_do_alvo(fuzz::semente(), alvo);
    let mut mutador = Mutador::new(semente);
    let mut corrida = Campanha::new(alvo, semente);
    let conhecidos = T::conhecidos();
    let mut corpus: Vec<String> = conhecidos.clone();
    corpus.extend(fuzz::NUMEROS.iter().map(|n| (*n).to_owned()));
    corpus.extend(conhecidos.iter().map(|k| format!("{k:?}")));
    let refs: Vec<&str> = corpus.iter().map(String::as_str).collect();
    for (i, s) in refs.iter().enumerate() {
        corrida.testar(i as u64, *s, || verificar::<T>(&conhecidos, s));
    }
    for i in 0..fuzz::iteracoes(PADRAO) {
        let base = mutador.escolher(&refs).copied().unwrap_or_default();
        let s = mutador.texto(base, &refs);
        corrida.testar(i, &s, || verificar::<T>(&conhecidos, &s));
    }
    corrida.concluir();
}
