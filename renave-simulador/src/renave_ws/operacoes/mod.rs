//! The 47 establishment-group operations (`renave-ws.md` §3.5), answered from the shared
//! [`Estado`].

use renave_domain::rotas::{self, Rota};
use renave_domain::{Cep, ChaveNfe, Cnpj, CodigoSegurancaCrv, Cpf, CpfCnpj, Placa, Renavam};
use serde_json::{Map, Value, json};

use super::estado::{Ator, Estado, Estoque, IntencaoVenda};
use super::http::{Campos, Res, Resposta, e400, e404, e422, erro, json, validar};

mod ite;
mod montadora;
mod transferencias;
mod usados;
mod zero_km;

use transferencias::{
    autorizar_para_ite, autorizar_usado, autorizar_zero_km, cancelar_autorizacao,
    consultar_autorizacoes, transferencia_estabelecimentos, transferencia_filiais,
    transferencia_zero_km, vindo_de_ite,
};
use usados::{
    aptidao, assinatura_vendedor, atpv_por_id, cancelar_entrada_usado, cancelar_saida,
    cliente_autenticado, cliente_autenticado_de, consultar_estoques, consultar_veiculo, crlve,
    entrada_proprio, entrada_usado, municipios, nota_fiscal, pdf_atpv, saida_usado, termo_entrada,
    termo_saida, ultima_assinatura,
};
use zero_km::{
    cancelar_entrada_zero_km, cancelar_entrega, cancelar_rejeicao, devolucao_montadora,
    entrada_zero_km, entregas, pendentes, realizar_entrega, rejeicao, saida_venda,
};

/// One simulated operation: HTTP method, path template and the SDK's Portuguese operation
/// name (`renave-ws.md` §3.5), read from the one definition of the routes both the client and
/// the simulator use ([`renave_domain::rotas::renave_ws`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct OperacaoSimulada {
    /// `GET` or `POST`.
    pub metodo: &'static str,
    /// Path template from the server root, e.g. `/api/estoques/{idEstoque}`.
    pub caminho: &'static str,
    /// Operation name (D8), e.g. `consultar_estoque`.
    pub nome: &'static str,
}

/// The simulated operations of one list of [`rotas::renave_ws`], in its order.
const fn tabela<const N: usize>(rotas: &[Rota]) -> [OperacaoSimulada; N] {
    assert!(rotas.len() == N, "tabela: wrong length");
    let vazia = OperacaoSimulada {
        metodo: "",
        caminho: "",
        nome: "",
    };
    let mut tabela = [vazia; N];
    let mut i = 0;
    while i < N {
        tabela[i] = OperacaoSimulada {
            metodo: rotas[i].metodo.como_texto(),
            caminho: rotas[i].caminho,
            nome: rotas[i].nome,
        };
        i += 1;
    }
    tabela
}

/// Every simulated operation, in `renave-ws.md` §3.5 order (E1–E32 less E21, then Z1–Z16):
/// [`rotas::renave_ws::ESTABELECIMENTO`].
pub const OPERACOES: [OperacaoSimulada; 47] = tabela(rotas::renave_ws::ESTABELECIMENTO);

/// Every simulated operation of the montadora group, in `renave-ws.md` §3.3 order: the
/// simulator answers `/api/montadora/…` as the seeded montadora ([`crate::CNPJ_MONTADORA`]).
pub const OPERACOES_MONTADORA: [OperacaoSimulada; 19] = tabela(rotas::renave_ws::MONTADORA);

/// Every simulated operation of the ITE group, in `renave-ws.md` §3.4 order: the simulator
/// answers `/api/ite/…` as the seeded ITE ([`crate::CNPJ_ITE`]).
pub const OPERACOES_ITE: [OperacaoSimulada; 17] = tabela(rotas::renave_ws::ITE);

/// Municipalities the simulator knows (`GET /api/municipios`): SIAFI/TOM codes as `id`.
/// Caruaru, Pesqueira and Abadia de Goiás carry the codes `renave-ws.md` §1.3 saw in real
/// answers; the others are illustrative (not checked against the SIAFI table). A buyer address
/// with a code outside this list is refused with 422, as an unknown municipality would be.
const MUNICIPIOS: [(&str, &str, &str); 12] = [
    ("4123", "BELO HORIZONTE", "MG"),
    ("4371", "CONTAGEM", "MG"),
    ("5403", "UBERLANDIA", "MG"),
    ("4733", "JUIZ DE FORA", "MG"),
    ("4865", "MONTES CLAROS", "MG"),
    ("7107", "SAO PAULO", "SP"),
    ("6001", "RIO DE JANEIRO", "RJ"),
    ("9701", "BRASILIA", "DF"),
    ("2381", "CARUARU", "PE"),
    ("2517", "PESQUEIRA", "PE"),
    ("1050", "ABADIA DE GOIAS", "GO"),
    ("5869", "SANTA LUZIA", "MG"),
];

/// One request, as the dispatcher sees it.
#[derive(Debug)]
pub(crate) struct Pedido<'a> {
    pub(crate) metodo: &'a str,
    pub(crate) segmentos: Vec<&'a str>,
    pub(crate) query: Vec<(String, String)>,
    pub(crate) corpo: &'a [u8],
}

impl Pedido<'_> {
    fn q(&self, nome: &str) -> Option<String> {
        self.query
            .iter()
            .find(|(k, v)| k == nome && !v.trim().is_empty())
            .map(|(_, v)| v.trim().to_owned())
    }
}

/// The placeholder values of a request's route, by placeholder name (`{idEstoque}`,
/// `{placa}`, …), as [`Rota::parametros`] reads them.
pub(crate) struct Parametros<'a>(Vec<(&'static str, &'a str)>);

impl Parametros<'_> {
    /// The value of `{nome}` (empty when the route has no such placeholder: a route and its
    /// handler disagreeing is caught by the tests, which call every route).
    fn get(&self, nome: &str) -> &str {
        self.0
            .iter()
            .find_map(|(n, v)| (*n == nome).then_some(*v))
            .unwrap_or_default()
    }
}

/// Every Renave-WS route the simulator answers: the three groups of the one definition
/// ([`rotas::renave_ws`]).
fn todas_as_rotas() -> impl Iterator<Item = &'static Rota> {
    rotas::renave_ws::ESTABELECIMENTO
        .iter()
        .chain(rotas::renave_ws::MONTADORA)
        .chain(rotas::renave_ws::ITE)
}

/// The route of `(metodo, caminho)` and its placeholder values, or `None` (404 or 405).
/// `caminho` is from the root (`/api/…`), as [`Rota::caminho`] spells it.
fn rota_do_pedido<'c>(metodo: &str, caminho: &'c str) -> Option<(Rota, Parametros<'c>)> {
    todas_as_rotas().find_map(|rota| {
        let valores = rota.parametros(caminho)?;
        (rota.metodo.como_texto() == metodo).then_some((*rota, Parametros(valores)))
    })
}

/// Routes one request: finds its [`Rota`] in the one definition ([`rotas::renave_ws`], issue
/// 12) and answers it with the handler of that route constant, in its group (establishment,
/// [`montadora`], [`ite`]). A path of no route is a 404, a route's path with another method a
/// 405 ([`rota_desconhecida`]); a POST's body is read first, so a malformed one is a 400
/// whatever the path.
pub(crate) fn despachar(e: &mut Estado, p: &Pedido<'_>) -> Res {
    e.atualizar();
    // The segments are those of the request's path after `/api/`, empty ones dropped.
    let caminho = format!("/{}{}", rotas::renave_ws::PREFIXO, p.segmentos.join("/"));
    let rota = rota_do_pedido(p.metodo, &caminho);
    // Parse the body once for POSTs.
    let corpo_map;
    let c = if p.metodo == "POST" {
        let mock = rota
            .as_ref()
            .is_some_and(|(r, _)| *r == rotas::renave_ws::ACABAR_VEICULO_INACABADO_MOCK_ITE);
        corpo_map = if mock {
            ite::corpo_do_mock(e, p.corpo)?
        } else {
            ler_corpo(e, p.corpo)?
        };
        Campos(&corpo_map)
    } else {
        Campos::vazio()
    };
    let Some((rota, parametros)) = rota else {
        return Err(rota_desconhecida(e, p, &caminho));
    };
    let resposta = if rotas::renave_ws::MONTADORA.contains(&rota) {
        montadora::despachar(e, p, rota, &parametros, c)
    } else if rotas::renave_ws::ITE.contains(&rota) {
        ite::despachar(e, p, rota, &parametros, c)
    } else {
        estabelecimento(e, p, rota, &parametros, c)
    };
    resposta.unwrap_or_else(|| Err(rota_desconhecida(e, p, &caminho)))
}

/// Answers one route of the establishment group ([`rotas::renave_ws::ESTABELECIMENTO`]);
/// `None` for a route of another group.
fn estabelecimento(
    e: &mut Estado,
    p: &Pedido<'_>,
    rota: Rota,
    par: &Parametros<'_>,
    c: Campos<'_>,
) -> Option<Res> {
    use rotas::renave_ws as r;
    Some(match rota {
        r::CONSULTAR_CLIENTE_AUTENTICADO => Ok(cliente_autenticado(e)),
        r::CONSULTAR_APTIDAO_VEICULO_ESTOQUE => aptidao(e, p),
        r::SOLICITAR_ENTRADA_ESTOQUE => entrada_usado(e, c),
        r::SOLICITAR_ENTRADA_ESTOQUE_VEICULO_PROPRIO => entrada_proprio(e, c),
        r::ENVIAR_ASSINATURA_VENDEDOR_ATPV => assinatura_vendedor(e, c),
        r::CONSULTAR_ULTIMA_ASSINATURA_ATPV => {
            ultima_assinatura(e, par.get("placa"), par.get("renavam"))
        }
        r::OBTER_PDF_ATPV => match p.q("chassi") {
            Some(chassi) => pdf_atpv(e, |v| v.chassi == chassi),
            None => Err(e400(e, "Chassi é obrigatório")),
        },
        r::OBTER_PDF_ATPV_POR_PLACA_RENAVAM => {
            let (placa, renavam) = (par.get("placa"), par.get("renavam"));
            pdf_atpv(e, |v| {
                v.placa.as_deref() == Some(placa) && v.renavam.as_deref() == Some(renavam)
            })
        }
        r::OBTER_ATPV_POR_ID => atpv_por_id(e, par.get("idAtpv")),
        r::ENVIAR_NOTA_FISCAL => nota_fiscal(e, c),
        r::CONSULTAR_ESTOQUES => consultar_estoques(e, p),
        r::CONSULTAR_ESTOQUE => {
            estoque_por_id(e, par.get("idEstoque")).map(|est| json(200, est.para_json()))
        }
        r::OBTER_TERMO_ENTRADA_ESTOQUE => {
            termo_entrada(e, par.get("idEstoque"), Ator::Estabelecimento)
        }
        r::SOLICITAR_CANCELAMENTO_ENTRADA_ESTOQUE => cancelar_entrada_usado(e, c),
        r::SOLICITAR_SAIDA_ESTOQUE => saida_usado(e, c),
        r::OBTER_TERMO_SAIDA_ESTOQUE => termo_saida(e, par.get("idEstoque"), Ator::Estabelecimento),
        r::SOLICITAR_CANCELAMENTO_SAIDA_ESTOQUE => cancelar_saida(e, c, Tipo::Usado),
        r::OBTER_CRLVE => crlve(e, par.get("placa"), par.get("renavam"), false),
        r::OBTER_PDF_CODIGO_SEGURANCA_CRV => crlve(e, par.get("placa"), par.get("renavam"), true),
        r::CONSULTAR_MUNICIPIOS => Ok(municipios(p)),
        r::CONSULTAR_VEICULO => consultar_veiculo(e, p, Ator::Estabelecimento),
        r::CONSULTAR_AUTORIZACOES_TRANSFERENCIAS => Ok(consultar_autorizacoes(e, p)),
        r::AUTORIZAR_TRANSFERENCIA_ENTRE_ESTABELECIMENTOS => autorizar_usado(e, c),
        r::CANCELAR_AUTORIZACAO_TRANSFERENCIA => cancelar_autorizacao(e, c, Tipo::Usado),
        r::SOLICITAR_TRANSFERENCIA_ENTRE_ESTABELECIMENTOS => transferencia_estabelecimentos(e, c),
        r::SOLICITAR_TRANSFERENCIA_ENTRE_FILIAIS => transferencia_filiais(e, c),
        r::TRANSFERIR_ESTOQUE_VINDO_DE_ITE => vindo_de_ite(e, c),
        r::AUTORIZAR_TRANSFERENCIA_PARA_ITE => autorizar_para_ite(e, c),
        r::CANCELAR_AUTORIZACAO_TRANSFERENCIA_PARA_ITE => cancelar_autorizacao(e, c, Tipo::Ite),
        r::REGISTRAR_SAIDA_ESTOQUE_VEICULO_INACABADO => saida_venda(e, c, Tipo::Inacabado, false),
        r::CANCELAR_SAIDA_ESTOQUE_VEICULO_INACABADO => cancelar_saida(e, c, Tipo::Inacabado),
        r::CONSULTAR_VEICULOS_ZERO_KM_PENDENTES_ENTRADA_ESTOQUE => Ok(pendentes(e, p)),
        r::REGISTRAR_ENTRADA_ESTOQUE_ZERO_KM => entrada_zero_km(e, c),
        r::REGISTRAR_SAIDA_ESTOQUE_VEICULO_ZERO_KM => saida_venda(e, c, Tipo::ZeroKm, false),
        r::CANCELAR_SAIDA_ESTOQUE_ZERO_KM => cancelar_saida(e, c, Tipo::ZeroKm),
        r::CANCELAR_ENTRADA_ESTOQUE_ZERO_KM => cancelar_entrada_zero_km(e, c),
        r::AUTORIZAR_TRANSFERENCIA_VEICULO_ZERO_KM => autorizar_zero_km(e, c),
        r::CANCELAR_AUTORIZACAO_TRANSFERENCIA_VEICULO_ZERO_KM => {
            cancelar_autorizacao(e, c, Tipo::ZeroKm)
        }
        r::TRANSFERIR_ENTRE_ESTABELECIMENTOS_VEICULO_ZERO_KM => transferencia_zero_km(e, c),
        r::DEVOLVER_MONTADORA_VEICULO_ZERO_KM => devolucao_montadora(e, c),
        r::REJEITAR_VEICULO_ZERO_KM => rejeicao(e, c),
        r::CANCELAR_REJEICAO_VEICULO_ZERO_KM => cancelar_rejeicao(e, c),
        r::CONSULTAR_ENTREGAS_VEICULO_ZERO_KM => Ok(entregas(e, p)),
        r::REALIZAR_ENTREGA_VEICULO_ZERO_KM => realizar_entrega(e, c),
        r::CANCELAR_ENTREGA_VEICULO_ZERO_KM => cancelar_entrega(e, c),
        r::REGISTRAR_SAIDA_ESTOQUE_VEICULO_ZERO_KM_RENOVAR => saida_venda(e, c, Tipo::ZeroKm, true),
        r::REGISTRAR_SAIDA_ESTOQUE_VEICULO_INACABADO_RENOVAR => {
            saida_venda(e, c, Tipo::Inacabado, true)
        }
        _ => return None,
    })
}

/// 405 for a known path with another method, else a Spring-style 404.
fn rota_desconhecida(e: &Estado, p: &Pedido<'_>, caminho: &str) -> Resposta {
    if todas_as_rotas().any(|r| r.parametros(caminho).is_some()) {
        erro(
            e,
            405,
            &format!("Request method '{}' is not supported", p.metodo),
        )
    } else {
        e404(e, &format!("Recurso {caminho} não encontrado"))
    }
}

fn ler_corpo(e: &Estado, corpo: &[u8]) -> Result<Map<String, Value>, Resposta> {
    if corpo.iter().all(u8::is_ascii_whitespace) {
        return Err(e400(e, "Corpo da requisição é obrigatório"));
    }
    match serde_json::from_slice::<Value>(corpo) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(_) => Err(e400(e, "JSON inválido: esperado um objeto")),
        Err(err) => Err(e400(e, &format!("JSON parse error: {err}"))),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tipo {
    Usado,
    ZeroKm,
    Inacabado,
    Ite,
    /// Any vehicle (the ITE's operations).
    Qualquer,
}

// ------------------------------------------------------------------------------------------
// Shared readers
// ------------------------------------------------------------------------------------------

fn cpf_operador(e: &Estado, c: Campos<'_>) -> Result<String, Resposta> {
    let s = c.exigir(
        e,
        "cpfOperadorResponsavel",
        "CPF do operador responsável é obrigatório",
    )?;
    let cpf = validar(e, &s, Cpf::parse, "CPF do operador responsável inválido")?;
    Ok(cpf.as_str().to_owned())
}

fn placa_renavam(
    e: &Estado,
    v: Campos<'_>,
    campo_placa: &str,
) -> Result<(String, String), Resposta> {
    let placa = v.exigir(e, campo_placa, "Placa é obrigatória")?;
    let placa = validar(e, &placa, Placa::parse, "Placa inválida")?;
    let renavam = v.exigir(e, "renavam", "Renavam é obrigatório")?;
    let renavam = validar(e, &renavam, Renavam::parse, "Renavam inválido")?;
    Ok((placa.as_str().to_owned(), renavam.as_str().to_owned()))
}

fn codigo_seguranca(e: &Estado, v: Campos<'_>) -> Result<String, Resposta> {
    let s = v.exigir(
        e,
        "codigoSegurancaCrv",
        "Código de segurança do CRV é obrigatório",
    )?;
    let c = validar(
        e,
        &s,
        CodigoSegurancaCrv::parse,
        "Código de segurança do CRV inválido",
    )?;
    Ok(c.as_str().to_owned())
}

fn chave_nf(e: &Estado, c: Campos<'_>, campo: &str) -> Result<String, Resposta> {
    let s = c.exigir(e, campo, "Chave da nota fiscal é obrigatória")?;
    let s = s.strip_prefix("NFe").unwrap_or(&s).to_owned();
    let k = validar(e, &s, ChaveNfe::parse, "Chave da nota fiscal inválida")?;
    Ok(k.as_str().to_owned())
}

/// An optional invoice key: validated when present.
fn chave_nf_opcional(e: &Estado, c: Campos<'_>, campo: &str) -> Result<Option<String>, Resposta> {
    if c.texto(campo).is_some() {
        chave_nf(e, c, campo).map(Some)
    } else {
        Ok(None)
    }
}

/// A vehicle with a `CRIADA` authorization of transfer cannot leave or be cancelled first.
fn exigir_sem_autorizacao(e: &Estado, chassi: &str) -> Result<(), Resposta> {
    if e.autorizacoes
        .values()
        .any(|a| a.chassi == chassi && a.estado == "CRIADA")
    {
        Err(e422(
            e,
            "Veículo possui autorização de transferência pendente (CRIADA): cancele-a antes",
        ))
    } else {
        Ok(())
    }
}

/// The montadora's and the ITE's `pdf-atpv?chassi`: the ATPV-e of a vehicle that is or was in
/// `ator`'s stock.
fn pdf_atpv_de(e: &Estado, p: &Pedido<'_>, ator: Ator) -> Res {
    let chassi = p
        .q("chassi")
        .ok_or_else(|| e400(e, "Chassi é obrigatório"))?;
    let dono = e.cnpj_de(ator);
    if !e
        .estoques
        .values()
        .any(|s| s.chassi == chassi && s.dono == dono)
    {
        return Err(e422(
            e,
            "Veículo não pertence e não pertenceu ao estoque do solicitante",
        ));
    }
    usados::pdf_atpv(e, |v| v.chassi == chassi)
}

fn cnpj(e: &Estado, c: Campos<'_>, campo: &str, rotulo: &str) -> Result<String, Resposta> {
    let s = c.exigir(e, campo, &format!("{rotulo} é obrigatório"))?;
    let k = validar(e, &s, Cnpj::parse, &format!("{rotulo} inválido"))?;
    Ok(k.as_str().to_owned())
}

fn km(e: &Estado, c: Campos<'_>) -> Result<u64, Resposta> {
    let n = c.exigir_inteiro(
        e,
        "quilometragemHodometro",
        "Quilometragem do hodômetro é obrigatória",
    )?;
    u64::try_from(n).map_err(|_| e400(e, "Quilometragem do hodômetro inválida"))
}

fn email(e: &Estado, c: Campos<'_>, campo: &str, mensagem: &str) -> Result<String, Resposta> {
    let s = c.exigir(e, campo, mensagem)?;
    if s.contains('@') && !s.starts_with('@') && !s.ends_with('@') {
        Ok(s)
    } else {
        Err(e400(e, &format!("E-mail inválido: {campo}")))
    }
}

fn parse_id(e: &Estado, id: &str, rotulo: &str) -> Result<i64, Resposta> {
    id.parse()
        .map_err(|_| e400(e, &format!("{rotulo} deve ser numérico")))
}

fn estoque_por_id<'a>(e: &'a Estado, id: &str) -> Result<&'a Estoque, Resposta> {
    estoque_por_id_de(e, id, Ator::Estabelecimento)
}

/// The stock `id` of the path, if it is `ator`'s (another actor's stock is not found: each
/// actor sees only its own, as under its own certificate).
fn estoque_por_id_de<'a>(e: &'a Estado, id: &str, ator: Ator) -> Result<&'a Estoque, Resposta> {
    let id = parse_id(e, id, "ID do estoque")?;
    e.estoques
        .get(&id)
        .filter(|s| s.dono == e.cnpj_de(ator))
        .ok_or_else(|| e404(e, &format!("Estoque {id} não encontrado")))
}

fn estoque_do_corpo(e: &Estado, c: Campos<'_>) -> Result<i64, Resposta> {
    estoque_do_corpo_de(e, c, Ator::Estabelecimento, "idEstoque")
}

/// The stock named by the body's `campo` (`idEstoque`, `idEstoqueOrigem`), if it is `ator`'s.
fn estoque_do_corpo_de(
    e: &Estado,
    c: Campos<'_>,
    ator: Ator,
    campo: &str,
) -> Result<i64, Resposta> {
    let mensagem = if campo == "idEstoque" {
        "ID do estoque não pode estar em branco"
    } else {
        "ID do estoque de origem é obrigatório"
    };
    let id = c.exigir_inteiro(e, campo, mensagem)?;
    if e.estoques
        .get(&id)
        .is_some_and(|s| s.dono == e.cnpj_de(ator))
    {
        Ok(id)
    } else {
        Err(e404(e, &format!("Estoque {id} não encontrado")))
    }
}

fn nome_estado(estado: &str) -> &'static str {
    match estado {
        "SOLICITADO" => "Solicitado",
        "TRANSFERIDO" => "Transferido",
        "CONFIRMADO" => "Confirmado",
        _ => "Finalizado",
    }
}

fn exigir_confirmado(e: &Estado, est: &Estoque) -> Result<(), Resposta> {
    if est.estado == "CONFIRMADO" {
        Ok(())
    } else {
        Err(e422(
            e,
            &format!(
                "Estoque do veículo encontra-se no estado de {}. Veículo deve estar em estoque (CONFIRMADO)",
                nome_estado(est.estado)
            ),
        ))
    }
}

/// Validates a `comprador` (§5.4) and returns its response form (with `municipio`).
fn comprador(e: &Estado, c: Campos<'_>) -> Result<Value, Resposta> {
    let comp = c.exigir_objeto(e, "comprador", "Comprador é obrigatório")?;
    let tipo = comp.exigir(
        e,
        "tipoDocumento",
        "Tipo do documento do comprador é obrigatório",
    )?;
    let doc = comp.exigir(
        e,
        "numeroDocumento",
        "Número do documento do comprador é obrigatório",
    )?;
    let doc = validar(
        e,
        &doc,
        CpfCnpj::parse,
        "Número do documento do comprador inválido",
    )?;
    let tipo_ok = matches!(
        (tipo.as_str(), &doc),
        ("CPF", CpfCnpj::Cpf(_)) | ("CNPJ", CpfCnpj::Cnpj(_))
    );
    if !tipo_ok {
        return Err(e400(
            e,
            "Tipo do documento do comprador não corresponde ao número informado",
        ));
    }
    let nome = comp.exigir(e, "nome", "Nome do comprador é obrigatório")?;
    let email = comp.texto("email");
    let end = comp.exigir_objeto(e, "endereco", "Endereço do comprador é obrigatório")?;
    let municipio = end.exigir(e, "codigoMunicipio", "Código do município é obrigatório")?;
    let cep = end.exigir(e, "cep", "CEP é obrigatório")?;
    let cep = validar(e, &cep, Cep::parse, "CEP inválido")?;
    let logradouro = end.exigir(e, "logradouro", "Logradouro é obrigatório")?;
    if logradouro.chars().count() > 30 {
        return Err(e400(e, "Logradouro deve conter no máximo 30 caracteres"));
    }
    let numero = end.exigir(e, "numero", "Número do endereço é obrigatório")?;
    let bairro = end.exigir(e, "bairro", "Bairro é obrigatório")?;
    if bairro.chars().count() > 20 {
        return Err(e400(e, "Bairro deve conter no máximo 20 caracteres"));
    }
    let Some((id, nome_m, uf)) = MUNICIPIOS.iter().find(|(id, _, _)| *id == municipio) else {
        return Err(e422(
            e,
            &format!("Município de código {municipio} não encontrado"),
        ));
    };
    Ok(json!({
        "tipoDocumento": tipo,
        "numeroDocumento": doc.as_str(),
        "nome": nome,
        "email": email,
        "endereco": {
            "cep": cep.as_str(),
            "logradouro": logradouro,
            "numero": numero,
            "bairro": bairro,
            "complemento": end.texto("complemento"),
            "municipio": { "id": id, "nome": nome_m, "uf": uf },
        },
    }))
}

fn nova_intencao(
    e: &mut Estado,
    vendedor: String,
    comprador: String,
    valor: f64,
    sistemica: bool,
) -> IntencaoVenda {
    let id_atpv = e.novo_id();
    IntencaoVenda {
        id_atpv,
        numero_atpv: e.digitos(12),
        estado: "REGISTRADA",
        vendedor,
        comprador,
        valor,
        data_hora_registro: e.agora(),
        assinatura: None,
        sistemica,
    }
}

fn mascara(doc: &str) -> String {
    let n = doc.chars().count();
    doc.chars()
        .enumerate()
        .map(|(i, ch)| if i < 3 || i + 2 >= n { ch } else { '*' })
        .collect()
}

#[cfg(test)]
mod testes {
    use std::time::{Duration, Instant};

    use proptest::prelude::*;
    use serde_json::{Map, Value};

    use super::{OPERACOES, OPERACOES_ITE, OPERACOES_MONTADORA, Pedido, despachar, todas_as_rotas};

    /// The three groups' operations.
    fn todas() -> Vec<super::OperacaoSimulada> {
        OPERACOES
            .iter()
            .chain(&OPERACOES_MONTADORA)
            .chain(&OPERACOES_ITE)
            .copied()
            .collect()
    }
    use crate::renave_ws::dados;
    use crate::renave_ws::estado::{Estado, Prazos, Relogio};

    fn estado() -> Estado {
        let dados = dados::construir().unwrap_or_else(|e| panic!("seed: {e}"));
        let relogio = Relogio {
            base: renave_domain::DataHora::new(2026, 11, 24, 10, 0, 0)
                .unwrap_or_else(|e| panic!("{e}"))
                .as_jiff(),
            inicio: Instant::now(),
            avanco: Duration::ZERO,
            tempo_real: false,
        };
        let prazos = Prazos {
            transferido: Duration::from_secs(60),
            confirmado: Duration::from_secs(300),
            transferencia_comprador: Duration::from_secs(3600),
        };
        Estado::novo(
            &dados,
            relogio,
            prazos,
            crate::mundo::AtpvesAssinadas::default(),
        )
    }

    /// Field names the operations read, so generated bodies reach deep into the handlers.
    const CAMPOS: [&str; 30] = [
        "idEstoqueOrigem",
        "entregaIndicada",
        "clienteDaIte",
        "codigoClienteMontadora",
        "valorProduto",
        "chaveNotaFiscalProduto",
        "idEstoque",
        "idAutorizacao",
        "idEntrega",
        "chassi",
        "cpfOperadorResponsavel",
        "chaveNotaFiscal",
        "evento",
        "valorCompra",
        "valorVenda",
        "dataCompra",
        "dataVenda",
        "dataEntradaEstoque",
        "dataHoraMedicaoHodometro",
        "quilometragemHodometro",
        "emailVendedor",
        "emailEstabelecimento",
        "veiculo",
        "comprador",
        "placa",
        "renavam",
        "codigoSegurancaCrv",
        "tipoCrv",
        "motivoRejeicao",
        "dataCancelamentoSaidaEstoque",
    ];

    fn valor() -> impl Strategy<Value = Value> {
        let folha = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<f64>().prop_map(Value::from),
            ".{0,20}".prop_map(Value::from),
            Just(Value::from("1000")),
            Just(Value::from("11144477735")),
            Just(Value::from("2026-11-24")),
            Just(Value::from("2026-11-24T10:00:00Z")),
            Just(Value::from("HJK7A89")),
            Just(Value::from("00777888998")),
        ];
        folha.prop_recursive(3, 32, 6, |interno| {
            prop::collection::vec((prop::sample::select(&CAMPOS[..]), interno), 0..6).prop_map(
                |pares| {
                    let m: Map<String, Value> =
                        pares.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
                    Value::Object(m)
                },
            )
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Any body on any POST route gets a well-formed answer, never a panic or a 500.
        #[test]
        fn qualquer_corpo_em_qualquer_post_responde_sem_500(
            indice in 0..(OPERACOES.len() + OPERACOES_MONTADORA.len() + OPERACOES_ITE.len()),
            corpo in valor(),
            bytes in prop::collection::vec(any::<u8>(), 0..64),
            usar_bytes in any::<bool>(),
        ) {
            let op = todas()[indice];
            let mut e = estado();
            let texto = if usar_bytes { bytes } else { serde_json::to_vec(&corpo).unwrap_or_default() };
            let segmentos: Vec<&str> = op
                .caminho
                .trim_start_matches('/')
                .trim_start_matches(renave_domain::rotas::renave_ws::PREFIXO)
                .split('/')
                .map(|s| match s {
                    "{placa}" => "HJK7A89",
                    "{renavam}" => "00777888998",
                    "{idEstoque}" => "1000",
                    "{idAtpv}" => "1",
                    outro => outro,
                })
                .collect();
            let pedido = Pedido { metodo: op.metodo, segmentos, query: Vec::new(), corpo: &texto };
            let r = despachar(&mut e, &pedido).unwrap_or_else(|r| r);
            prop_assert!([200, 201, 400, 404, 422].contains(&r.status), "{} {} → {}", op.metodo, op.caminho, r.status);
        }

        /// Arbitrary paths under `/api/` never panic; unknown ones are a SERPRO 404.
        #[test]
        fn caminhos_arbitrarios(segmentos in prop::collection::vec("[a-z0-9{}-]{0,12}", 0..5), post in any::<bool>()) {
            let mut e = estado();
            let pedido = Pedido {
                metodo: if post { "POST" } else { "GET" },
                segmentos: segmentos.iter().map(String::as_str).collect(),
                query: Vec::new(),
                corpo: b"{}",
            };
            let r = despachar(&mut e, &pedido).unwrap_or_else(|r| r);
            let caminho = format!("/{}{}", renave_domain::rotas::renave_ws::PREFIXO, segmentos.join("/"));
            if !todas_as_rotas().any(|r| r.parametros(&caminho).is_some()) {
                prop_assert_eq!(r.status, 404);
            }
        }
    }
}
