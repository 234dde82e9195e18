//! The CET-MG simulator's state ([`Estado`]): what it remembers (tokens, vehicles, solicitações,
//! DAEs, distributions, bookings, comunicações de venda, Protocolo Digital processes) and the
//! control methods [`SimuladorCetMg`](super::SimuladorCetMg) calls. The operations live in
//! [`operacoes`](super::operacoes), one module per group, each an `impl Estado` block over this
//! state.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::time::Duration;

use renave_domain::{
    Chassi, Cnpj, CondicoesDocumentos, CpfCnpj, Data, DocumentoId, SentidoSolicitacao,
};

use super::dados::{self, Regiao, VeiculoSimulado};
use crate::falhas::Falhas;
use crate::mundo::AtpvesAssinadas;

/// The most tokens the simulator remembers. Minting a token forgets the expired ones; past this
/// many valid ones, the oldest is forgotten too, and whoever still holds it gets 401 `900901`
/// and asks for a new one (decision D4), as after an expiry.
pub const MAXIMO_TOKENS: usize = 1_000;

/// A *solicitação de serviço de transferência de propriedade* (R §5.6).
#[derive(Debug, Clone)]
pub(super) struct Solicitacao {
    pub(super) id: u64,
    pub(super) chassi: Chassi,
    pub(super) estabelecimento: Cnpj,
    pub(super) comprador: CpfCnpj,
    pub(super) nome_comprador: String,
    pub(super) endereco_comprador: String,
    pub(super) sentido: SentidoSolicitacao,
    pub(super) municipio: String,
    pub(super) data_registro: Data,
    pub(super) concluida: bool,
}

/// A DAE guia (R §6.1.5).
#[derive(Debug, Clone)]
pub(super) struct Dae {
    pub(super) numero: u64,
    pub(super) solicitacao: u64,
    pub(super) linha: String,
    pub(super) pix: String,
    pub(super) centavos: u64,
    pub(super) emissao: Data,
    pub(super) vencimento: Data,
    pub(super) municipio: String,
    pub(super) pago: bool,
}

/// An active distribution to an ECV (R §5.11).
#[derive(Debug, Clone)]
pub(super) struct Distribuicao {
    pub(super) vistoria_id: u64,
    pub(super) solicitacao: u64,
    pub(super) regiao: u64,
    pub(super) ecv: usize,
    pub(super) movel: bool,
    pub(super) telefone: String,
    pub(super) email: String,
    pub(super) receber_pesquisa: bool,
}

/// An Agenda Minas booking (R §5.15).
#[derive(Debug, Clone)]
pub(super) struct Agendamento {
    pub(super) numero: u64,
    pub(super) solicitacao: u64,
    pub(super) data: Data,
    pub(super) periodo: u64,
}

/// A registered comunicação de venda (R §5.4, §5.5, §7.4).
#[derive(Debug, Clone)]
pub(super) struct Comunicacao {
    pub(super) chassi: Chassi,
    pub(super) vendedor: CpfCnpj,
    pub(super) data: Data,
}

/// A pendência of a Protocolo Digital process (R §7.3).
#[derive(Debug, Clone)]
pub(super) struct Pendencia {
    pub(super) numero: u64,
    pub(super) exigidos: Vec<DocumentoId>,
    pub(super) regularizada: bool,
}

/// A Protocolo Digital process (R §7.1).
#[derive(Debug, Clone)]
pub(super) struct Processo {
    pub(super) numero: String,
    pub(super) chassi: Chassi,
    pub(super) solicitante: CpfCnpj,
    pub(super) adquirente: CpfCnpj,
    pub(super) condicoes: CondicoesDocumentos,
    pub(super) pendencias: Vec<Pendencia>,
    pub(super) ficha_recebida: bool,
}

/// The tokens minted and not yet forgotten: expiry (Unix seconds) by token, and the order they
/// were minted in. At most [`MAXIMO_TOKENS`]: minting forgets the expired ones, then the
/// oldest valid ones beyond the cap.
#[derive(Default)]
pub(super) struct Tokens {
    expiracao: HashMap<String, i64>,
    ordem: VecDeque<String>,
}

impl Tokens {
    pub(super) fn expiracao(&self, token: &str) -> Option<i64> {
        self.expiracao.get(token).copied()
    }

    pub(super) fn expirar_todos(&mut self) {
        for exp in self.expiracao.values_mut() {
            *exp = 0;
        }
    }

    pub(super) fn registrar(&mut self, token: String, exp: i64, agora: i64) {
        let expiracao = &mut self.expiracao;
        expiracao.retain(|_, e| *e > agora);
        self.ordem.retain(|t| expiracao.contains_key(t));
        while expiracao.len() >= MAXIMO_TOKENS {
            let Some(mais_antigo) = self.ordem.pop_front() else {
                break;
            };
            expiracao.remove(&mais_antigo);
        }
        self.ordem.push_back(token.clone());
        expiracao.insert(token, exp);
    }

    pub(super) fn len(&self) -> usize {
        self.expiracao.len()
    }
}

/// Everything the simulator remembers, behind one `Arc<Mutex<_>>`. No `Debug`: it holds the
/// consumer secret and the tokens.
pub(crate) struct Estado {
    pub(super) consumer_key: String,
    pub(super) consumer_secret: String,
    pub(super) validade_token: Duration,
    pub(super) tokens: Tokens,
    pub(crate) veiculos: Vec<VeiculoSimulado>,
    pub(super) regioes: Vec<Regiao>,
    pub(super) solicitacoes: Vec<Solicitacao>,
    pub(super) daes: Vec<Dae>,
    pub(super) distribuicoes: Vec<Distribuicao>,
    pub(super) agendamentos: Vec<Agendamento>,
    pub(super) vagas_ocupadas: HashMap<(Data, u64), u32>,
    pub(crate) atpves: AtpvesAssinadas,
    pub(super) comunicacoes: Vec<Comunicacao>,
    pub(super) processos: Vec<Processo>,
    pub(super) contador: u64,
    pub(crate) falhas: Falhas,
    pub(super) rng: fastrand::Rng,
    /// The names the answers are written with (issue 12).
    pub(crate) dialeto: crate::Dialeto,
}

impl Estado {
    pub(crate) fn new(
        consumer_key: String,
        consumer_secret: String,
        validade_token: Duration,
        semente: u64,
        atpves: AtpvesAssinadas,
    ) -> Self {
        Self {
            consumer_key,
            consumer_secret,
            validade_token,
            tokens: Tokens::default(),
            veiculos: dados::veiculos(Data::hoje_brasilia()),
            regioes: dados::regioes(),
            solicitacoes: Vec::new(),
            daes: Vec::new(),
            distribuicoes: Vec::new(),
            agendamentos: Vec::new(),
            vagas_ocupadas: HashMap::new(),
            atpves,
            comunicacoes: Vec::new(),
            processos: Vec::new(),
            contador: 0,
            falhas: Falhas::default(),
            rng: fastrand::Rng::with_seed(semente),
            dialeto: crate::Dialeto::Padrao,
        }
    }

    pub(super) fn proximo(&mut self) -> u64 {
        self.contador += 1;
        self.contador
    }

    // -----------------------------------------------------------------------------------------
    // Control methods (called by `SimuladorCetMg`)
    // -----------------------------------------------------------------------------------------

    /// How many entries each collection holds (see `SimuladorCetMg::ocupacao`).
    pub(crate) fn ocupacao(&self) -> BTreeMap<&'static str, usize> {
        BTreeMap::from([
            ("tokens", self.tokens.len()),
            ("veiculos", self.veiculos.len()),
            ("regioes", self.regioes.len()),
            ("solicitacoes", self.solicitacoes.len()),
            ("daes", self.daes.len()),
            ("distribuicoes", self.distribuicoes.len()),
            ("agendamentos", self.agendamentos.len()),
            ("vagas_ocupadas", self.vagas_ocupadas.len()),
            ("atpves_assinadas", self.atpves.quantidade()),
            ("comunicacoes", self.comunicacoes.len()),
            ("processos", self.processos.len()),
            (
                "pendencias",
                self.processos.iter().map(|p| p.pendencias.len()).sum(),
            ),
            ("falhas_pendentes", self.falhas.pendentes()),
        ])
    }

    pub(crate) fn expirar_tokens(&mut self) {
        self.tokens.expirar_todos();
    }

    pub(crate) fn compensar_pagamento(&mut self, referencia: &str) -> bool {
        let digitos: String = referencia.chars().filter(char::is_ascii_digit).collect();
        match self.daes.iter_mut().find(|d| {
            d.numero.to_string() == referencia.trim() || (!digitos.is_empty() && d.linha == digitos)
        }) {
            Some(dae) => {
                dae.pago = true;
                true
            }
            None => false,
        }
    }

    pub(crate) fn registrar_assinatura_atpv(&mut self, chassi: &Chassi) -> Option<String> {
        if !self.veiculos.iter().any(|v| v.chassi == *chassi) {
            return None;
        }
        let n = self.proximo();
        let numero = format!("{}{:08}", Data::hoje_brasilia().ano(), n);
        self.atpves.registrar(*chassi, numero.clone(), None);
        Some(numero)
    }

    pub(crate) fn registrar_laudo(&mut self, chassi: &Chassi, emissao: Data) -> bool {
        match self.veiculos.iter_mut().find(|v| v.chassi == *chassi) {
            Some(v) => {
                v.emissao_ultimo_laudo = Some(emissao);
                true
            }
            None => false,
        }
    }
}

#[cfg(test)]
mod testes {
    use super::*;

    #[test]
    fn tokens_guardados_sao_no_maximo_os_mais_novos_validos() {
        let mut t = Tokens::default();
        for i in 0..MAXIMO_TOKENS + 5 {
            t.registrar(format!("t{i}"), 100, 10);
        }
        assert_eq!(t.len(), MAXIMO_TOKENS);
        assert_eq!(t.ordem.len(), MAXIMO_TOKENS);
        assert_eq!(t.expiracao("t4"), None, "the oldest are forgotten");
        assert_eq!(t.expiracao("t5"), Some(100));
        // Minting after they all expired forgets them all.
        t.registrar("novo".to_owned(), 300, 200);
        assert_eq!(t.len(), 1);
        assert_eq!(t.ordem.len(), 1);
        t.expirar_todos();
        assert_eq!(t.expiracao("novo"), Some(0));
    }
}
