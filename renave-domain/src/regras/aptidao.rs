//! The CET-MG aptidão answer (*consultar aptidão do veículo para entrada/saída em estoque*):
//! which items block the vehicle and which only inform (Regulamento Técnico CET-MG §6.1.1,
//! §6.2.1, §6.1.3 "Importante"; `cetmg-api.md` §3.1).

use std::fmt;

use crate::Recebido;

/// The items of the CET-MG aptidão answer, as received (Regulamento Técnico §6.1.1 and §6.2.1,
/// plus the §6.1.3 "Importante" conditions).
///
/// The wire names and types are not published (`cetmg-api.md` §3.1), so the CET-MG client
/// converts its response into this struct. Every item is optional (`None`: the answer did not
/// report it) and read tolerantly ([`Recebido`]: typed when understood, the raw text kept
/// otherwise, e.g. `"gravame": "ATIVO"`), and the names of the answer's fields the SDK does not
/// model are kept in [`campos_nao_modelados`](Self::campos_nao_modelados): an item reported
/// under another name is not lost silently. The envelope (`codigo_retorno`,
/// `mensagem_retorno`) is not part of it: a non-`"000"` answer is an error of the client, not
/// an aptidão.
///
/// `Debug` shows every item but only the number of [`detalhes`](Self::detalhes): the server's
/// free text may name the owner by CPF (LGPD).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct RespostaAptidao {
    /// *Se há comunicação de venda registrada* — informative.
    pub comunicacao_venda_registrada: Option<Recebido<bool>>,
    /// *Se há laudo CSV em aberto* — blocks.
    pub laudo_csv_em_aberto: Option<Recebido<bool>>,
    /// *Se há reserva de domínio* — blocks "em regra".
    pub reserva_dominio: Option<Recebido<bool>>,
    /// *Se há gravame/restrição financeira* — blocks "em regra".
    pub gravame: Option<Recebido<bool>>,
    /// *Total de autuações* — informative.
    pub total_autuacoes: Option<Recebido<u32>>,
    /// *Multas exigíveis (inclui Renainf)*, how many — blocks while there is one.
    pub multas_exigiveis: Option<Recebido<u32>>,
    /// *Multas totais (exigíveis + não exigíveis)*, how many — informative.
    pub multas_totais: Option<Recebido<u32>>,
    /// *Pendências TRLAV* exigíveis — block while there is one.
    pub pendencias_trlav: Option<Recebido<bool>>,
    /// *Pendências IPVA* exigíveis — block while there is one.
    pub pendencias_ipva: Option<Recebido<bool>>,
    /// *Pendências DPVAT* exigíveis — block while there is one.
    pub pendencias_dpvat: Option<Recebido<bool>>,
    /// *Impedimentos cadastrais/administrativos* — block.
    pub impedimentos_cadastrais: Option<Recebido<bool>>,
    /// *Recall pendente* (§6.1.3 "Importante") — blocks.
    pub recall_pendente: Option<Recebido<bool>>,
    /// *Estampagem em aberto* (§6.1.3 "Importante") — blocks.
    pub estampagem_em_aberto: Option<Recebido<bool>>,
    /// *Observações impeditivas no laudo* (§6.1.3 "Importante") — block.
    pub observacoes_impeditivas_laudo: Option<Recebido<bool>>,
    /// Free-text details the server gave (the *detalhamento das pendências* the integradora
    /// must show, §6.1.1), carried through unchanged.
    pub detalhes: Vec<String>,
    /// Names of the answer's fields the SDK does not model (their values stay with the
    /// client's response): a blocking item reported under a name the SDK does not know shows
    /// up here.
    pub campos_nao_modelados: Vec<String>,
}

/// One item of the aptidão answer (Regulamento Técnico §6.1.1, §6.1.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ItemAptidao {
    /// Comunicação de venda registrada (§6.1.1) — informative.
    ComunicacaoVendaRegistrada,
    /// Laudo CSV em aberto (§6.1.1) — blocks.
    LaudoCsvEmAberto,
    /// Reserva de domínio (§6.1.1) — blocks as a rule.
    ReservaDominio,
    /// Gravame/restrição financeira (§6.1.1) — blocks as a rule.
    Gravame,
    /// Total de autuações (§6.1.1) — informative.
    TotalAutuacoes,
    /// Multas exigíveis, including Renainf (§6.1.1) — blocks.
    MultasExigiveis,
    /// Multas totais (§6.1.1) — informative.
    MultasTotais,
    /// Pendências TRLAV exigíveis (§6.1.1) — blocks.
    PendenciasTrlav,
    /// Pendências IPVA exigíveis (§6.1.1) — blocks.
    PendenciasIpva,
    /// Pendências DPVAT exigíveis (§6.1.1) — blocks.
    PendenciasDpvat,
    /// Impedimentos cadastrais/administrativos (§6.1.1) — blocks.
    ImpedimentosCadastrais,
    /// Recall pendente (§6.1.3 "Importante") — blocks.
    RecallPendente,
    /// Estampagem em aberto (§6.1.3 "Importante") — blocks.
    EstampagemEmAberto,
    /// Observações impeditivas no laudo (§6.1.3 "Importante") — blocks.
    ObservacoesImpeditivasLaudo,
}

impl ItemAptidao {
    /// Every item, in the order of §6.1.1 then §6.1.3.
    pub const TODOS: [Self; 14] = [
        Self::ComunicacaoVendaRegistrada,
        Self::LaudoCsvEmAberto,
        Self::ReservaDominio,
        Self::Gravame,
        Self::TotalAutuacoes,
        Self::MultasExigiveis,
        Self::MultasTotais,
        Self::PendenciasTrlav,
        Self::PendenciasIpva,
        Self::PendenciasDpvat,
        Self::ImpedimentosCadastrais,
        Self::RecallPendente,
        Self::EstampagemEmAberto,
        Self::ObservacoesImpeditivasLaudo,
    ];

    /// The item's label in the regulation, in Portuguese.
    pub fn descricao(self) -> &'static str {
        match self {
            Self::ComunicacaoVendaRegistrada => "Comunicação de venda registrada",
            Self::LaudoCsvEmAberto => "Laudo CSV em aberto",
            Self::ReservaDominio => "Reserva de domínio",
            Self::Gravame => "Gravame/restrição financeira",
            Self::TotalAutuacoes => "Total de autuações",
            Self::MultasExigiveis => "Multas exigíveis (inclui Renainf)",
            Self::MultasTotais => "Multas totais (exigíveis + não exigíveis)",
            Self::PendenciasTrlav => "Pendências TRLAV",
            Self::PendenciasIpva => "Pendências IPVA",
            Self::PendenciasDpvat => "Pendências DPVAT",
            Self::ImpedimentosCadastrais => "Impedimentos cadastrais/administrativos",
            Self::RecallPendente => "Recall pendente",
            Self::EstampagemEmAberto => "Estampagem em aberto",
            Self::ObservacoesImpeditivasLaudo => "Observações impeditivas no laudo",
        }
    }

    /// `true` when the regulation says the item blocks the entrada/saída ("impede"); `false`
    /// for the informative items (comunicação de venda, total de autuações, multas totais).
    pub fn is_impeditivo(self) -> bool {
        !matches!(
            self,
            Self::ComunicacaoVendaRegistrada | Self::TotalAutuacoes | Self::MultasTotais
        )
    }

    /// The section of the Regulamento Técnico CET-MG that lists the item.
    pub fn fonte(self) -> &'static str {
        match self {
            Self::RecallPendente | Self::EstampagemEmAberto | Self::ObservacoesImpeditivasLaudo => {
                "Regulamento Técnico CET-MG §6.1.3 (Importante)"
            }
            _ => "Regulamento Técnico CET-MG §6.1.1",
        }
    }
}

impl fmt::Display for ItemAptidao {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.descricao())
    }
}

/// A blocking item found in the aptidão answer (*impedimento*: "impede entrada", Regulamento
/// Técnico CET-MG §6.1.1; the §6.1.3 "Importante" conditions).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Impedimento {
    /// The item that blocks.
    pub item: ItemAptidao,
    /// How many, when the answer counts them (multas exigíveis).
    pub quantidade: Option<u32>,
}

impl fmt::Display for Impedimento {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.quantidade {
            Some(quantidade) => write!(f, "{}: {quantidade}", self.item),
            None => write!(f, "{}", self.item),
        }
    }
}

/// The value of an informative item (*informativo*) of the aptidão answer (Regulamento Técnico
/// CET-MG §6.1.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ValorInformativo {
    /// A yes/no item (comunicação de venda registrada).
    Booleano(bool),
    /// A counted item (total de autuações, multas totais).
    Quantidade(u32),
}

/// An informative item (*informativo*) of the aptidão answer: shown to the dealer, never
/// blocking (Regulamento Técnico CET-MG §6.1.1: comunicação de venda, total de autuações, multas
/// totais).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Informativo {
    /// The item.
    pub item: ItemAptidao,
    /// What the answer said.
    pub valor: ValorInformativo,
}

/// The outcome of the aptidão lookup (*resultado*): only [`Apto`](Self::Apto) lets the vehicle
/// proceed (Regulamento Técnico CET-MG §6: "execução de negativas e bloqueios a operações não
/// autorizadas"; decision D11, fail closed).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ResultadoAptidao {
    /// *Apto*: the answer reported every blocking item absent, in a form the SDK understands.
    Apto,
    /// *Não apto*: at least one blocking item is present
    /// ([`AvaliacaoAptidao::impedimentos`]).
    NaoApto,
    /// *Indeterminado*: no impediment was read, but the answer did not report every blocking
    /// item in a form the SDK understands ([`AvaliacaoAptidao::indeterminados`]), or did not
    /// carry the success code. Never apto: show it as a stop.
    Indeterminado,
}

impl ResultadoAptidao {
    /// The outcome's label, in Portuguese (for the screen).
    pub fn descricao(self) -> &'static str {
        match self {
            Self::Apto => "apto",
            Self::NaoApto => "não apto",
            Self::Indeterminado => "indeterminado",
        }
    }
}

impl fmt::Display for ResultadoAptidao {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.descricao())
    }
}

/// The aptidão answer sorted into impediments and informative items (Regulamento Técnico
/// CET-MG §6.1.1, §6.2.1, §6.1.3), built by [`avaliar_aptidao`]; its
/// [`resultado`](Self::resultado) is apto, não apto or indeterminado.
///
/// `Debug` shows only the number of [`detalhes`](Self::detalhes) (server free text that may
/// hold a CPF, LGPD).
#[derive(Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct AvaliacaoAptidao {
    /// The blocking items that are present, in the regulation's order.
    pub impedimentos: Vec<Impedimento>,
    /// The informative items the answer carried in an understood form, in the regulation's
    /// order.
    pub informativos: Vec<Informativo>,
    /// The blocking items the answer did not report at all (neither present nor absent).
    pub nao_informados: Vec<ItemAptidao>,
    /// The items (blocking or informative) the answer sent in a form the SDK does not
    /// understand (e.g. `"gravame": "ATIVO"`); their raw text stays in the answer.
    pub ilegiveis: Vec<ItemAptidao>,
    /// Names of the answer's fields the SDK does not model (a blocking item may hide under
    /// one of them).
    pub campos_nao_modelados: Vec<String>,
    /// `true` when the answer did not carry the success code (`codigo_retorno` `"000"`): set by
    /// the CET-MG client, whose envelope check lets an answer without a code through.
    pub sem_codigo_de_sucesso: bool,
    /// The server's free-text details, unchanged.
    pub detalhes: Vec<String>,
}

impl AvaliacaoAptidao {
    /// Apto, não apto or indeterminado (see [`ResultadoAptidao`]): não apto as soon as one
    /// impediment is present; otherwise apto only when every blocking item was reported absent
    /// in an understood form and the success code was there; else indeterminado.
    pub fn resultado(&self) -> ResultadoAptidao {
        if !self.impedimentos.is_empty() {
            ResultadoAptidao::NaoApto
        } else if self.sem_codigo_de_sucesso || !self.indeterminados().is_empty() {
            ResultadoAptidao::Indeterminado
        } else {
            ResultadoAptidao::Apto
        }
    }

    /// Whether the vehicle may proceed to the next step (*veículo apto*): `true` only when
    /// [`resultado`](Self::resultado) is [`ResultadoAptidao::Apto`]. An item the server did not
    /// report, or reported in a form the SDK does not understand, is never a yes.
    pub fn pode_prosseguir(&self) -> bool {
        self.resultado() == ResultadoAptidao::Apto
    }

    /// The blocking items not reported in an understood form (not reported at all, or
    /// unreadable), in the regulation's order: what makes the outcome indeterminado.
    pub fn indeterminados(&self) -> Vec<ItemAptidao> {
        ItemAptidao::TODOS
            .into_iter()
            .filter(|i| {
                i.is_impeditivo() && (self.nao_informados.contains(i) || self.ilegiveis.contains(i))
            })
            .collect()
    }

    /// `true` when the answer reported every item in an understood form.
    pub fn is_completa(&self) -> bool {
        self.nao_informados.is_empty() && self.ilegiveis.is_empty()
    }
}

/// Sorts a CET-MG aptidão answer into impediments (blocking) and informative items.
///
/// Blocking, per Regulamento Técnico CET-MG §6.1.1/§6.2.1 ("impede entrada"): laudo CSV em
/// aberto; reserva de domínio and gravame ("em regra, impede"); multas exigíveis (any); pendências
/// TRLAV, IPVA and DPVAT exigíveis; impedimentos cadastrais/administrativos; and, from the §6.1.3
/// "Importante" list of what makes a vehicle apto, recall pendente, estampagem em aberto and
/// observações impeditivas no laudo. Informative: comunicação de venda registrada, total de
/// autuações, multas totais. A blocking item that is `None` goes to
/// [`AvaliacaoAptidao::nao_informados`], any item kept raw to
/// [`AvaliacaoAptidao::ilegiveis`]; either makes the outcome indeterminado unless an
/// impediment was read.
///
/// ```
/// use renave_domain::{avaliar_aptidao, ItemAptidao, Recebido, RespostaAptidao, ResultadoAptidao};
///
/// let resposta = RespostaAptidao {
///     multas_exigiveis: Some(2.into()),
///     total_autuacoes: Some(5.into()),
///     ..RespostaAptidao::default()
/// };
/// let avaliacao = avaliar_aptidao(&resposta);
/// assert_eq!(avaliacao.resultado(), ResultadoAptidao::NaoApto);
/// assert_eq!(avaliacao.impedimentos[0].item, ItemAptidao::MultasExigiveis);
/// assert_eq!(avaliacao.informativos[0].item, ItemAptidao::TotalAutuacoes);
///
/// // A gravame sent as a word the SDK does not understand, nothing else: indeterminado.
/// let estranha = RespostaAptidao {
///     gravame: Some(Recebido::de_texto("ATIVO")),
///     ..RespostaAptidao::default()
/// };
/// let avaliacao = avaliar_aptidao(&estranha);
/// assert_eq!(avaliacao.resultado(), ResultadoAptidao::Indeterminado);
/// assert!(!avaliacao.pode_prosseguir());
/// assert!(avaliacao.ilegiveis.contains(&ItemAptidao::Gravame));
/// ```
pub fn avaliar_aptidao(resposta: &RespostaAptidao) -> AvaliacaoAptidao {
    let mut avaliacao = AvaliacaoAptidao {
        detalhes: resposta.detalhes.clone(),
        campos_nao_modelados: resposta.campos_nao_modelados.clone(),
        ..AvaliacaoAptidao::default()
    };
    for item in ItemAptidao::TODOS {
        match valor_do_item(resposta, item) {
            Lido::NaoInformado if item.is_impeditivo() => avaliacao.nao_informados.push(item),
            Lido::NaoInformado => {}
            Lido::Ilegivel => avaliacao.ilegiveis.push(item),
            Lido::Valor(valor) if item.is_impeditivo() => {
                let (presente, quantidade) = match valor {
                    ValorInformativo::Booleano(presente) => (presente, None),
                    ValorInformativo::Quantidade(n) => (n > 0, Some(n)),
                };
                if presente {
                    avaliacao
                        .impedimentos
                        .push(Impedimento { item, quantidade });
                }
            }
            Lido::Valor(valor) => avaliacao.informativos.push(Informativo { item, valor }),
        }
    }
    avaliacao
}

/// How the answer reported one item.
enum Lido {
    NaoInformado,
    Ilegivel,
    Valor(ValorInformativo),
}

fn valor_do_item(resposta: &RespostaAptidao, item: ItemAptidao) -> Lido {
    fn lido<T: Copy>(valor: Option<&Recebido<T>>, f: fn(T) -> ValorInformativo) -> Lido {
        match valor {
            None => Lido::NaoInformado,
            Some(Recebido::Bruto(_)) => Lido::Ilegivel,
            Some(Recebido::Valido(v)) => Lido::Valor(f(*v)),
        }
    }
    let booleano = |v: Option<&Recebido<bool>>| lido(v, ValorInformativo::Booleano);
    let quantidade = |v: Option<&Recebido<u32>>| lido(v, ValorInformativo::Quantidade);
    let r = resposta;
    match item {
        ItemAptidao::ComunicacaoVendaRegistrada => {
            booleano(r.comunicacao_venda_registrada.as_ref())
        }
        ItemAptidao::LaudoCsvEmAberto => booleano(r.laudo_csv_em_aberto.as_ref()),
        ItemAptidao::ReservaDominio => booleano(r.reserva_dominio.as_ref()),
        ItemAptidao::Gravame => booleano(r.gravame.as_ref()),
        ItemAptidao::TotalAutuacoes => quantidade(r.total_autuacoes.as_ref()),
        ItemAptidao::MultasExigiveis => quantidade(r.multas_exigiveis.as_ref()),
        ItemAptidao::MultasTotais => quantidade(r.multas_totais.as_ref()),
        ItemAptidao::PendenciasTrlav => booleano(r.pendencias_trlav.as_ref()),
        ItemAptidao::PendenciasIpva => booleano(r.pendencias_ipva.as_ref()),
        ItemAptidao::PendenciasDpvat => booleano(r.pendencias_dpvat.as_ref()),
        ItemAptidao::ImpedimentosCadastrais => booleano(r.impedimentos_cadastrais.as_ref()),
        ItemAptidao::RecallPendente => booleano(r.recall_pendente.as_ref()),
        ItemAptidao::EstampagemEmAberto => booleano(r.estampagem_em_aberto.as_ref()),
        ItemAptidao::ObservacoesImpeditivasLaudo => {
            booleano(r.observacoes_impeditivas_laudo.as_ref())
        }
    }
}

/// Writes `n item(s) not shown` for the server's free-text details in `Debug` output.
struct DetalhesOcultos(usize);

impl fmt::Debug for DetalhesOcultos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<{} item(s) not shown: may hold personal data>", self.0)
    }
}

impl fmt::Debug for RespostaAptidao {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RespostaAptidao")
            .field(
                "comunicacao_venda_registrada",
                &self.comunicacao_venda_registrada,
            )
            .field("laudo_csv_em_aberto", &self.laudo_csv_em_aberto)
            .field("reserva_dominio", &self.reserva_dominio)
            .field("gravame", &self.gravame)
            .field("total_autuacoes", &self.total_autuacoes)
            .field("multas_exigiveis", &self.multas_exigiveis)
            .field("multas_totais", &self.multas_totais)
            .field("pendencias_trlav", &self.pendencias_trlav)
            .field("pendencias_ipva", &self.pendencias_ipva)
            .field("pendencias_dpvat", &self.pendencias_dpvat)
            .field("impedimentos_cadastrais", &self.impedimentos_cadastrais)
            .field("recall_pendente", &self.recall_pendente)
            .field("estampagem_em_aberto", &self.estampagem_em_aberto)
            .field(
                "observacoes_impeditivas_laudo",
                &self.observacoes_impeditivas_laudo,
            )
            .field("detalhes", &DetalhesOcultos(self.detalhes.len()))
            .field("campos_nao_modelados", &self.campos_nao_modelados)
            .finish()
    }
}

impl fmt::Debug for AvaliacaoAptidao {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AvaliacaoAptidao")
            .field("impedimentos", &self.impedimentos)
            .field("informativos", &self.informativos)
            .field("resultado", &self.resultado())
            .field("nao_informados", &self.nao_informados)
            .field("ilegiveis", &self.ilegiveis)
            .field("campos_nao_modelados", &self.campos_nao_modelados)
            .field("sem_codigo_de_sucesso", &self.sem_codigo_de_sucesso)
            .field("detalhes", &DetalhesOcultos(self.detalhes.len()))
            .finish()
    }
}

impl From<&RespostaAptidao> for AvaliacaoAptidao {
    fn from(resposta: &RespostaAptidao) -> Self {
        avaliar_aptidao(resposta)
    }
}
