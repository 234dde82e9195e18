//! The 47 establishment-group operations (`renave-ws.md` §3.5), answered from the shared
//! [`Estado`].

use renave_domain::{
    Cep, Chassi, ChaveNfe, Cnpj, CodigoSegurancaCrv, Cpf, CpfCnpj, EstadoEstoque,
    MotivoDevolucaoMontadora, MotivoRejeicao, NumeroCrv, Placa, Renavam, TipoCrv,
};
use serde_json::{Map, Value, json};

use super::estado::{
    Autorizacao, Entrada, Estado, Estoque, IntencaoVenda, Saida, fmt_data_hora, somar,
};
use super::http::{Campos, Res, Resposta, e400, e404, e422, erro, json, vazio};
use super::pdf::{base64, pdf_base64};

/// One simulated operation: HTTP method, path template and the SDK's Portuguese operation
/// name (`renave-ws.md` §3.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct OperacaoSimulada {
    /// `GET` or `POST`.
    pub metodo: &'static str,
    /// Path template under the base URL, e.g. `/api/estoques/{idEstoque}`.
    pub caminho: &'static str,
    /// Operation name (D8), e.g. `consultar_estoque`.
    pub nome: &'static str,
}

const fn op(metodo: &'static str, caminho: &'static str, nome: &'static str) -> OperacaoSimulada {
    OperacaoSimulada {
        metodo,
        caminho,
        nome,
    }
}

/// Every simulated operation, in `renave-ws.md` §3.5 order (E1–E32 less E21, then Z1–Z16).
pub const OPERACOES: [OperacaoSimulada; 47] = [
    op(
        "GET",
        "/api/cliente-autenticado",
        "consultar_cliente_autenticado",
    ),
    op(
        "GET",
        "/api/aptidao-veiculo-estoque",
        "consultar_aptidao_veiculo_estoque",
    ),
    op(
        "POST",
        "/api/solicitacoes-entrada-estoque",
        "solicitar_entrada_estoque",
    ),
    op(
        "POST",
        "/api/solicitacoes-entrada-estoque-veiculo-proprio",
        "solicitar_entrada_estoque_veiculo_proprio",
    ),
    op(
        "POST",
        "/api/atpv-assinatura-vendedor",
        "enviar_assinatura_vendedor_atpv",
    ),
    op(
        "GET",
        "/api/atpv-assinaturas/{placa}/{renavam}/ultimo",
        "consultar_ultima_assinatura_atpv",
    ),
    op("GET", "/api/pdf-atpv", "obter_pdf_atpv"),
    op(
        "GET",
        "/api/pdf-atpv/{placa}/{renavam}",
        "obter_pdf_atpv_por_placa_renavam",
    ),
    op("GET", "/api/atpv/{idAtpv}", "obter_atpv_por_id"),
    op("POST", "/api/notas-fiscais", "enviar_nota_fiscal"),
    op("GET", "/api/estoques", "consultar_estoques"),
    op("GET", "/api/estoques/{idEstoque}", "consultar_estoque"),
    op(
        "GET",
        "/api/estoques/{idEstoque}/termo-entrada-estoque",
        "obter_termo_entrada_estoque",
    ),
    op(
        "POST",
        "/api/solicitacoes-cancelamento-estoque",
        "solicitar_cancelamento_entrada_estoque",
    ),
    op(
        "POST",
        "/api/solicitacoes-saida-estoque",
        "solicitar_saida_estoque",
    ),
    op(
        "GET",
        "/api/estoques/{idEstoque}/termo-saida-estoque",
        "obter_termo_saida_estoque",
    ),
    op(
        "POST",
        "/api/solicitacoes-cancelamento-saida-estoque",
        "solicitar_cancelamento_saida_estoque",
    ),
    op("GET", "/api/crlve/{placa}/{renavam}", "obter_crlve"),
    op(
        "GET",
        "/api/crlve/{placa}/{renavam}/pdf-codigo-seguranca-crv",
        "obter_pdf_codigo_seguranca_crv",
    ),
    op("GET", "/api/municipios", "consultar_municipios"),
    op("GET", "/api/veiculos", "consultar_veiculo"),
    op(
        "GET",
        "/api/autorizacoes-transferencias",
        "consultar_autorizacoes_transferencias",
    ),
    op(
        "POST",
        "/api/autorizacoes-transferencias",
        "autorizar_transferencia_entre_estabelecimentos",
    ),
    op(
        "POST",
        "/api/cancelamentos-autorizacoes-transferencias",
        "cancelar_autorizacao_transferencia",
    ),
    op(
        "POST",
        "/api/solicitacoes-transferencia-entre-estabelecimentos",
        "solicitar_transferencia_entre_estabelecimentos",
    ),
    op(
        "POST",
        "/api/solicitacoes-transferencia-entre-filiais",
        "solicitar_transferencia_entre_filiais",
    ),
    op(
        "POST",
        "/api/transferencias-estoque-vindo-de-ite",
        "transferir_estoque_vindo_de_ite",
    ),
    op(
        "POST",
        "/api/autorizacoes-transferencias-para-ite",
        "autorizar_transferencia_para_ite",
    ),
    op(
        "POST",
        "/api/cancelamentos-autorizacoes-transferencias-para-ite",
        "cancelar_autorizacao_transferencia_para_ite",
    ),
    op(
        "POST",
        "/api/saidas-estoque-veiculo-inacabado",
        "registrar_saida_estoque_veiculo_inacabado",
    ),
    op(
        "POST",
        "/api/cancelamentos-saidas-estoque-veiculo-inacabado",
        "cancelar_saida_estoque_veiculo_inacabado",
    ),
    op(
        "GET",
        "/api/veiculos-zero-km-pendentes-entrada-estoque",
        "consultar_veiculos_zero_km_pendentes_entrada_estoque",
    ),
    op(
        "POST",
        "/api/entradas-estoque-zero-km",
        "registrar_entrada_estoque_zero_km",
    ),
    op(
        "POST",
        "/api/saidas-estoque-veiculo-zero-km",
        "registrar_saida_estoque_veiculo_zero_km",
    ),
    op(
        "POST",
        "/api/cancelamentos-saida-estoque-zero-km",
        "cancelar_saida_estoque_zero_km",
    ),
    op(
        "POST",
        "/api/cancelamentos-entrada-estoque-zero-km",
        "cancelar_entrada_estoque_zero_km",
    ),
    op(
        "POST",
        "/api/autorizacoes-transferencias-veiculo-zero-km",
        "autorizar_transferencia_veiculo_zero_km",
    ),
    op(
        "POST",
        "/api/cancelamentos-autorizacoes-transferencias-veiculo-zero-km",
        "cancelar_autorizacao_transferencia_veiculo_zero_km",
    ),
    op(
        "POST",
        "/api/transferencias-entre-estabelecimentos-veiculo-zero-km",
        "transferir_entre_estabelecimentos_veiculo_zero_km",
    ),
    op(
        "POST",
        "/api/devolucoes-montadora-veiculo-zero-km",
        "devolver_montadora_veiculo_zero_km",
    ),
    op("POST", "/api/rejeicoes-zero-km", "rejeitar_veiculo_zero_km"),
    op(
        "POST",
        "/api/cancelamentos-rejeicoes-veiculo-zero-km",
        "cancelar_rejeicao_veiculo_zero_km",
    ),
    op(
        "GET",
        "/api/entregas-veiculo-zero-km",
        "consultar_entregas_veiculo_zero_km",
    ),
    op(
        "POST",
        "/api/entregas-veiculo-zero-km/realizacao",
        "realizar_entrega_veiculo_zero_km",
    ),
    op(
        "POST",
        "/api/entregas-veiculo-zero-km/cancelamento",
        "cancelar_entrega_veiculo_zero_km",
    ),
    op(
        "POST",
        "/api/saidas-estoque-veiculo-zero-km-renovar",
        "registrar_saida_estoque_veiculo_zero_km_renovar",
    ),
    op(
        "POST",
        "/api/saidas-estoque-veiculo-inacabado-renovar",
        "registrar_saida_estoque_veiculo_inacabado_renovar",
    ),
];

/// Municipalities the simulator knows (`GET /api/municipios`): SIAFI/TOM codes as `id`.
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

/// Routes one request (path already stripped of `/api/`).
pub(crate) fn despachar(e: &mut Estado, p: &Pedido<'_>) -> Res {
    e.atualizar();
    let post = p.metodo == "POST";
    let get = p.metodo == "GET";
    let seg = p.segmentos.as_slice();
    // Parse the body once for POSTs.
    let corpo_map;
    let c = if post {
        corpo_map = ler_corpo(e, p.corpo)?;
        Campos(&corpo_map)
    } else {
        Campos::vazio()
    };
    let r = match seg {
        ["cliente-autenticado"] if get => Ok(cliente_autenticado(e)),
        ["aptidao-veiculo-estoque"] if get => aptidao(e, p),
        ["solicitacoes-entrada-estoque"] if post => entrada_usado(e, c),
        ["solicitacoes-entrada-estoque-veiculo-proprio"] if post => entrada_proprio(e, c),
        ["atpv-assinatura-vendedor"] if post => assinatura_vendedor(e, c),
        ["atpv-assinaturas", placa, renavam, "ultimo"] if get => {
            ultima_assinatura(e, placa, renavam)
        }
        ["pdf-atpv"] if get => {
            let chassi = p
                .q("chassi")
                .ok_or_else(|| e400(e, "Chassi é obrigatório"))?;
            pdf_atpv(e, |v| v.chassi == chassi)
        }
        ["pdf-atpv", placa, renavam] if get => pdf_atpv(e, |v| {
            v.placa.as_deref() == Some(*placa) && v.renavam.as_deref() == Some(*renavam)
        }),
        ["atpv", id] if get => atpv_por_id(e, id),
        ["notas-fiscais"] if post => nota_fiscal(e, c),
        ["estoques"] if get => consultar_estoques(e, p),
        ["estoques", id] if get => {
            let est = estoque_por_id(e, id)?;
            Ok(json(200, est.para_json()))
        }
        ["estoques", id, "termo-entrada-estoque"] if get => termo_entrada(e, id),
        ["solicitacoes-cancelamento-estoque"] if post => cancelar_entrada_usado(e, c),
        ["solicitacoes-saida-estoque"] if post => saida_usado(e, c),
        ["estoques", id, "termo-saida-estoque"] if get => termo_saida(e, id),
        ["solicitacoes-cancelamento-saida-estoque"] if post => cancelar_saida(e, c, Tipo::Usado),
        ["crlve", placa, renavam] if get => crlve(e, placa, renavam, false),
        ["crlve", placa, renavam, "pdf-codigo-seguranca-crv"] if get => {
            crlve(e, placa, renavam, true)
        }
        ["municipios"] if get => Ok(municipios(p)),
        ["veiculos"] if get => consultar_veiculo(e, p),
        ["autorizacoes-transferencias"] if get => Ok(consultar_autorizacoes(e, p)),
        ["autorizacoes-transferencias"] if post => autorizar_usado(e, c),
        ["cancelamentos-autorizacoes-transferencias"] if post => {
            cancelar_autorizacao(e, c, Tipo::Usado)
        }
        ["solicitacoes-transferencia-entre-estabelecimentos"] if post => {
            transferencia_estabelecimentos(e, c)
        }
        ["solicitacoes-transferencia-entre-filiais"] if post => transferencia_filiais(e, c),
        ["transferencias-estoque-vindo-de-ite"] if post => vindo_de_ite(e, c),
        ["autorizacoes-transferencias-para-ite"] if post => autorizar_para_ite(e, c),
        ["cancelamentos-autorizacoes-transferencias-para-ite"] if post => {
            cancelar_autorizacao(e, c, Tipo::Ite)
        }
        ["saidas-estoque-veiculo-inacabado"] if post => saida_venda(e, c, Tipo::Inacabado, false),
        ["cancelamentos-saidas-estoque-veiculo-inacabado"] if post => {
            cancelar_saida(e, c, Tipo::Inacabado)
        }
        ["veiculos-zero-km-pendentes-entrada-estoque"] if get => Ok(pendentes(e, p)),
        ["entradas-estoque-zero-km"] if post => entrada_zero_km(e, c),
        ["saidas-estoque-veiculo-zero-km"] if post => saida_venda(e, c, Tipo::ZeroKm, false),
        ["cancelamentos-saida-estoque-zero-km"] if post => cancelar_saida(e, c, Tipo::ZeroKm),
        ["cancelamentos-entrada-estoque-zero-km"] if post => cancelar_entrada_zero_km(e, c),
        ["autorizacoes-transferencias-veiculo-zero-km"] if post => autorizar_zero_km(e, c),
        ["cancelamentos-autorizacoes-transferencias-veiculo-zero-km"] if post => {
            cancelar_autorizacao(e, c, Tipo::ZeroKm)
        }
        ["transferencias-entre-estabelecimentos-veiculo-zero-km"] if post => {
            transferencia_zero_km(e, c)
        }
        ["devolucoes-montadora-veiculo-zero-km"] if post => devolucao_montadora(e, c),
        ["rejeicoes-zero-km"] if post => rejeicao(e, c),
        ["cancelamentos-rejeicoes-veiculo-zero-km"] if post => cancelar_rejeicao(e, c),
        ["entregas-veiculo-zero-km"] if get => Ok(entregas(e, p)),
        ["entregas-veiculo-zero-km", "realizacao"] if post => realizar_entrega(e, c),
        ["entregas-veiculo-zero-km", "cancelamento"] if post => cancelar_entrega(e, c),
        ["saidas-estoque-veiculo-zero-km-renovar"] if post => saida_venda(e, c, Tipo::ZeroKm, true),
        ["saidas-estoque-veiculo-inacabado-renovar"] if post => {
            saida_venda(e, c, Tipo::Inacabado, true)
        }
        _ => Err(rota_desconhecida(e, p)),
    }?;
    Ok(r)
}

/// 405 for a known path with another method, else a Spring-style 404.
fn rota_desconhecida(e: &Estado, p: &Pedido<'_>) -> Resposta {
    let caminho = format!("/api/{}", p.segmentos.join("/"));
    let conhecido = OPERACOES.iter().any(|o| casa_modelo(o.caminho, &caminho));
    if conhecido {
        erro(
            e,
            405,
            &format!("Request method '{}' is not supported", p.metodo),
        )
    } else {
        e404(e, &format!("Recurso {caminho} não encontrado"))
    }
}

/// Whether `caminho` matches a path template with `{…}` segments.
pub(crate) fn casa_modelo(modelo: &str, caminho: &str) -> bool {
    let a: Vec<&str> = modelo.split('/').collect();
    let b: Vec<&str> = caminho.split('/').collect();
    a.len() == b.len()
        && a.iter()
            .zip(&b)
            .all(|(m, c)| (m.starts_with('{') && !c.is_empty()) || m == c)
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
    let cpf = super::http::validar(e, &s, Cpf::parse, "CPF do operador responsável inválido")?;
    Ok(cpf.as_str().to_owned())
}

fn placa_renavam(
    e: &Estado,
    v: Campos<'_>,
    campo_placa: &str,
) -> Result<(String, String), Resposta> {
    let placa = v.exigir(e, campo_placa, "Placa é obrigatória")?;
    let placa = super::http::validar(e, &placa, Placa::parse, "Placa inválida")?;
    let renavam = v.exigir(e, "renavam", "Renavam é obrigatório")?;
    let renavam = super::http::validar(e, &renavam, Renavam::parse, "Renavam inválido")?;
    Ok((placa.as_str().to_owned(), renavam.as_str().to_owned()))
}

fn codigo_seguranca(e: &Estado, v: Campos<'_>) -> Result<String, Resposta> {
    let s = v.exigir(
        e,
        "codigoSegurancaCrv",
        "Código de segurança do CRV é obrigatório",
    )?;
    let c = super::http::validar(
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
    let k = super::http::validar(e, &s, ChaveNfe::parse, "Chave da nota fiscal inválida")?;
    Ok(k.as_str().to_owned())
}

fn cnpj(e: &Estado, c: Campos<'_>, campo: &str, rotulo: &str) -> Result<String, Resposta> {
    let s = c.exigir(e, campo, &format!("{rotulo} é obrigatório"))?;
    let k = super::http::validar(e, &s, Cnpj::parse, &format!("{rotulo} inválido"))?;
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
    let id = parse_id(e, id, "ID do estoque")?;
    e.estoques
        .get(&id)
        .ok_or_else(|| e404(e, &format!("Estoque {id} não encontrado")))
}

fn estoque_do_corpo(e: &Estado, c: Campos<'_>) -> Result<i64, Resposta> {
    let id = c.exigir_inteiro(e, "idEstoque", "ID do estoque não pode estar em branco")?;
    if e.estoques.contains_key(&id) {
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
    let doc = super::http::validar(
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
    let cep = super::http::validar(e, &cep, Cep::parse, "CEP inválido")?;
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

// ------------------------------------------------------------------------------------------
// E1, E2, E20
// ------------------------------------------------------------------------------------------

fn cliente_autenticado(e: &Estado) -> Resposta {
    json(
        200,
        json!({
            "cnpj": e.cnpj,
            "nome": e.nome,
            "endereco": {
                "bairro": "CENTRO",
                "cep": "30130010",
                "complemento": "LOJA 1",
                "logradouro": "AVENIDA AFONSO PENA",
                "numero": "1000",
                "municipio": { "id": "4123", "nome": "BELO HORIZONTE", "uf": "MG" },
            },
        }),
    )
}

fn aptidao(e: &Estado, p: &Pedido<'_>) -> Res {
    let tipo = p
        .q("tipoCrv")
        .ok_or_else(|| e400(e, "Tipo do CRV é obrigatório"))?;
    if !TipoCrv::from(tipo.as_str()).is_conhecido() {
        return Err(e400(e, &format!("Tipo do CRV inválido: {tipo}")));
    }
    let placa = p.q("placa").ok_or_else(|| e400(e, "Placa é obrigatória"))?;
    let renavam = p
        .q("renavam")
        .ok_or_else(|| e400(e, "Renavam é obrigatório"))?;
    let placa = super::http::validar(e, &placa, Placa::parse, "Placa inválida")?;
    let renavam = super::http::validar(e, &renavam, Renavam::parse, "Renavam inválido")?;
    let v = e
        .veiculo_por_placa_renavam(placa.as_str(), renavam.as_str())
        .ok_or_else(|| {
            e422(
                e,
                "Veículo não encontrado no RENAVAM com a placa e o renavam informados",
            )
        })?;
    let mut motivos = Vec::new();
    if let Some(n) = p.q("numeroCrv") {
        let n = super::http::validar(e, &n, NumeroCrv::parse, "Número do CRV inválido")?;
        if v.numero_crv.as_deref() != Some(n.as_str()) {
            motivos.push(
                "Número do CRV informado não corresponde ao CRV vigente do veículo".to_owned(),
            );
        }
    }
    if e.estoque_ativo_do_chassi(&v.chassi).is_some() {
        motivos.push("Veículo possui um estoque ativo no RENAVE".to_owned());
    }
    Ok(json(
        200,
        json!({
            "comunicacaoComDetranFalhou": false,
            "diagnostico": {
                "veiculoApto": motivos.is_empty(),
                "motivosParaNaoAptidao": motivos,
                "veiculoBaixado": false,
                "veiculoComAlarme": false,
                "veiculoComLicenciamentoProvisorio": false,
                "veiculoComPendenciaDeEmissaoCrv": false,
                "veiculoComRecall": false,
                "veiculoComRestricaoExtrajudicial": false,
                "veiculoComRestricaoImpeditivaNoDetran": false,
                "veiculoComRestricaoJudicial": false,
                "veiculoComRestricaoNaReceitaFederal": false,
                "veiculoComRestricaoPgfn": false,
                "veiculoComRouboFurto": false,
                "veiculoSemAtpv": false,
                "veiculoTemAutorizacaoTransferenciaParaEstabelecimentoDiferenteDoEstabelecimentoConsultante": false,
                "veiculoTemComunicacaoDeVendaParaCompradorDiferenteDoEstabelecimentoConsultante": false,
                "veiculoTemIntencaoDeVendaParaCompradorDiferenteDoEstabelecimentoConsultante": false,
            },
            "informacoesDebitos": {
                "existemDebitos": false,
                "valorDebitoIpva": 0.0,
                "valorDebitoLicenciamento": 0.0,
                "valorDebitoMultas": 0.0,
                "valorDebitoDpvat": 0.0,
                "valorTaxasEDebitosDiversos": 0.0,
                "boletos": [],
                "codigosBancos": [],
            },
            "veiculo": {
                "chassi": v.chassi,
                "placa": v.placa,
                "renavam": v.renavam,
                "ufJurisdicao": "MG",
                "restricoes": [],
                "veiculoAcabado": v.acabado,
            },
        }),
    ))
}

fn municipios(p: &Pedido<'_>) -> Resposta {
    let nome = p.q("nome");
    let uf = p.q("uf");
    let lista: Vec<Value> = MUNICIPIOS
        .iter()
        .filter(|(_, n, u)| {
            nome.as_deref().is_none_or(|q| n.contains(q)) && uf.as_deref().is_none_or(|q| *u == q)
        })
        .map(|(id, n, u)| json!({ "id": id, "nome": n, "uf": u }))
        .collect();
    json(200, Value::Array(lista))
}

// ------------------------------------------------------------------------------------------
// E3, E4, E5, E6, E7/E8/E9, E10
// ------------------------------------------------------------------------------------------

fn entrada_usado(e: &mut Estado, c: Campos<'_>) -> Res {
    let cpf = cpf_operador(e, c)?;
    let valor = c.exigir_numero(e, "valorCompra", "Valor da compra é obrigatório")?;
    let _ = email(e, c, "emailVendedor", "E-mail do vendedor é obrigatório")?;
    let v = c.exigir_objeto(e, "veiculo", "Veículo é obrigatório")?;
    let codigo = codigo_seguranca(e, v)?;
    let tipo_crv = v.exigir(e, "tipoCrv", "Tipo do CRV é obrigatório")?;
    if !TipoCrv::from(tipo_crv.as_str()).is_conhecido() {
        return Err(e400(e, &format!("Tipo do CRV inválido: {tipo_crv}")));
    }
    let (placa, renavam) = placa_renavam(e, v, "placa")?;
    let km = km(e, v)?;
    let medicao = v.exigir_data(
        e,
        "dataHoraMedicaoHodometro",
        "Data/hora da medição do hodômetro é obrigatória",
    )?;
    let doc = v.exigir(
        e,
        "documentoProprietarioAtual",
        "Documento do proprietário atual é obrigatório",
    )?;
    let tipo_doc = v.exigir(
        e,
        "tipoDocumentoProprietarioAtual",
        "Tipo do documento do proprietário atual é obrigatório",
    )?;
    let doc = super::http::validar(
        e,
        &doc,
        CpfCnpj::parse,
        "Documento do proprietário atual inválido",
    )?;
    let tipo_ok = matches!(
        (tipo_doc.as_str(), &doc),
        ("CPF", CpfCnpj::Cpf(_)) | ("CNPJ", CpfCnpj::Cnpj(_))
    );
    if !tipo_ok {
        return Err(e400(
            e,
            "Tipo do documento do proprietário atual não corresponde ao documento informado",
        ));
    }
    let data_compra = c.exigir_data(e, "dataCompra", "Data da compra é obrigatória")?;

    let veiculo = e
        .veiculo_por_placa_renavam(&placa, &renavam)
        .ok_or_else(|| {
            e422(
                e,
                "Veículo não encontrado no RENAVAM com a placa e o renavam informados",
            )
        })?;
    if veiculo.proprietario == e.cnpj {
        return Err(e422(
            e,
            "O estabelecimento já é o proprietário do veículo. Utilize a entrada de veículo próprio",
        ));
    }
    if veiculo.proprietario != doc.as_str() {
        return Err(e422(
            e,
            "Documento informado não corresponde ao proprietário atual do veículo no CRV",
        ));
    }
    if veiculo.codigo_seguranca_crv.as_deref() != Some(codigo.as_str()) {
        return Err(e422(e, "Código de segurança do CRV inválido"));
    }
    if let Some(n) = v.texto("numeroCrv") {
        if veiculo.numero_crv.as_deref() != Some(n.as_str()) {
            return Err(e422(
                e,
                "Número do CRV não corresponde ao CRV vigente do veículo",
            ));
        }
    }
    if data_compra.date() < veiculo.data_emissao_crv.date() {
        return Err(e422(
            e,
            &format!(
                "Data da compra não pode ser anterior à data de emissão do último CRV ({})",
                veiculo.data_emissao_crv.date()
            ),
        ));
    }
    let chassi = veiculo.chassi.clone();
    if e.estoque_ativo_do_chassi(&chassi).is_some() {
        return Err(e422(
            e,
            &format!("Veículo de chassi {chassi} possui um estoque ativo"),
        ));
    }
    let vendedor = veiculo.proprietario.clone();
    let numero_crv = veiculo.numero_crv.clone();
    let id = e.novo_id();
    let agora = e.agora();
    let intencao = nova_intencao(e, vendedor.clone(), e.cnpj.clone(), valor, false);
    if let Some(vv) = e.veiculos.get_mut(&chassi) {
        vv.intencoes.push(intencao);
    }
    let est = Estoque {
        id,
        estado: "SOLICITADO",
        chassi,
        placa: Some(placa),
        renavam: Some(renavam),
        numero_crv,
        codigo_seguranca_crv: Some(codigo),
        tipo_crv: Some(tipo_crv),
        km,
        data_hora_medicao: fmt_data_hora(medicao),
        entrada: Entrada {
            cpf_operador: cpf,
            data_hora: agora,
            chave_nf: None,
            numero_termo: 900_000 + id,
            vendedor: Some(vendedor),
            valor_compra: valor,
        },
        assinatura_ok: false,
        nf_dispensada: false,
        detran_desde: None,
        saida: None,
        cancelamento: None,
        origem_cancelamento: None,
        id_origem_transferencia: None,
        zero_km: false,
        acabado: true,
    };
    let corpo = est.para_json();
    e.estoques.insert(id, est);
    Ok(json(201, corpo))
}

fn entrada_proprio(e: &mut Estado, c: Campos<'_>) -> Res {
    let cpf = cpf_operador(e, c)?;
    let data = c.exigir_data(
        e,
        "dataEntradaEstoque",
        "Data da entrada em estoque é obrigatória",
    )?;
    let v = c.exigir_objeto(e, "veiculo", "Veículo é obrigatório")?;
    let codigo = codigo_seguranca(e, v)?;
    let tipo_crv = v.exigir(e, "tipoCrv", "Tipo do CRV é obrigatório")?;
    let (placa, renavam) = placa_renavam(e, v, "placa")?;
    let km = km(e, v)?;
    let medicao = v.exigir_data(
        e,
        "dataHoraMedicaoHodometro",
        "Data/hora da medição do hodômetro é obrigatória",
    )?;
    let veiculo = e
        .veiculo_por_placa_renavam(&placa, &renavam)
        .ok_or_else(|| {
            e422(
                e,
                "Veículo não encontrado no RENAVAM com a placa e o renavam informados",
            )
        })?;
    if veiculo.tipo_documento_proprietario() == "CPF" {
        return Err(e422(e, "Proprietário deve ser um CNPJ"));
    }
    if veiculo.proprietario != e.cnpj {
        return Err(e422(
            e,
            "O estabelecimento solicitante não é o proprietário do veículo",
        ));
    }
    if veiculo.codigo_seguranca_crv.as_deref() != Some(codigo.as_str()) {
        return Err(e422(e, "Código de segurança do CRV inválido"));
    }
    let chassi = veiculo.chassi.clone();
    let numero_crv = veiculo.numero_crv.clone();
    if e.estoque_ativo_do_chassi(&chassi).is_some() {
        return Err(e422(
            e,
            &format!("Veículo de chassi {chassi} já está em estoque"),
        ));
    }
    let id = e.novo_id();
    let est = Estoque {
        id,
        estado: "CONFIRMADO",
        chassi,
        placa: Some(placa),
        renavam: Some(renavam),
        numero_crv,
        codigo_seguranca_crv: Some(codigo),
        tipo_crv: Some(tipo_crv),
        km,
        data_hora_medicao: fmt_data_hora(medicao),
        entrada: Entrada {
            cpf_operador: cpf,
            data_hora: data,
            chave_nf: None,
            numero_termo: 900_000 + id,
            vendedor: None,
            valor_compra: 0.0,
        },
        assinatura_ok: true,
        nf_dispensada: true,
        detran_desde: Some(data),
        saida: None,
        cancelamento: None,
        origem_cancelamento: None,
        id_origem_transferencia: None,
        zero_km: false,
        acabado: true,
    };
    let corpo = est.para_json();
    e.estoques.insert(id, est);
    Ok(json(201, corpo))
}

const VARIANTES_ASSINATURA: [(&str, &str, &str); 4] = [
    (
        "envioAssinaturaProprioPunhoAtpve",
        "fotoAtpveAssinadoDeProprioPunhoBase64",
        "PROPRIO_PUNHO_ATPVE",
    ),
    (
        "envioAssinaturaProprioPunhoAtpvPapelMoeda",
        "fotoAtpvPapelMoedaAssinadoBase64",
        "PROPRIO_PUNHO_ATPV_PAPEL_MOEDA",
    ),
    (
        "envioAssinaturaQualificadaP7sSobreXmlAtpve",
        "assinaturaQualificadaP7sBase64",
        "QUALIFICADA_P7S_SOBRE_XML_ATPVE",
    ),
    (
        "envioAssinaturaQualificadaP7sSobreFotoAtpvPapelMoeda",
        "assinaturaQualificadaP7sBase64",
        "QUALIFICADA_P7S_SOBRE_FOTO_ATPV_PAPEL_MOEDA",
    ),
];

fn assinatura_vendedor(e: &mut Estado, c: Campos<'_>) -> Res {
    use base64::Engine as _;
    let id = c.exigir_inteiro(e, "idEstoque", "ID do estoque é obrigatório")?;
    let presentes: Vec<_> = VARIANTES_ASSINATURA
        .iter()
        .filter_map(|(v, campo, tipo)| c.objeto(v).map(|o| (o, *campo, *tipo)))
        .collect();
    let [(obj, campo, tipo)] = presentes.as_slice() else {
        return Err(e400(
            e,
            "Deve ser informada exatamente uma forma de envio da assinatura do vendedor",
        ));
    };
    let conteudo = obj.exigir(e, campo, "Arquivo da assinatura do vendedor é obrigatório")?;
    if base64::engine::general_purpose::STANDARD
        .decode(conteudo.as_bytes())
        .is_err()
    {
        return Err(e400(
            e,
            "Arquivo da assinatura do vendedor deve estar codificado em Base64",
        ));
    }
    let tipo: &'static str = tipo;
    let est = e
        .estoques
        .get(&id)
        .ok_or_else(|| e404(e, &format!("Estoque {id} não encontrado")))?;
    if est.estado != "SOLICITADO" {
        return Err(e422(
            e,
            "Estoque não está aguardando a assinatura do vendedor",
        ));
    }
    if est.assinatura_ok {
        return Err(e422(
            e,
            "A assinatura do vendedor já foi enviada para este estoque",
        ));
    }
    let chassi = est.chassi.clone();
    let agora = e.agora();
    let ok = e
        .veiculos
        .get_mut(&chassi)
        .and_then(|v| v.intencao_ativa_mut())
        .filter(|i| !i.sistemica)
        .map(|i| {
            i.assinatura = Some((tipo, agora));
            i.estado = "VENDA_COMUNICADA";
        })
        .is_some();
    if !ok {
        return Err(e422(
            e,
            "Não existe intenção de venda disponível para o veículo",
        ));
    }
    if let Some(est) = e.estoques.get_mut(&id) {
        est.assinatura_ok = true;
    }
    e.talvez_iniciar_detran(id);
    Ok(vazio(200))
}

fn ultima_assinatura(e: &Estado, placa: &str, renavam: &str) -> Res {
    let v = e
        .veiculo_por_placa_renavam(placa, renavam)
        .ok_or_else(|| e404(e, "Veículo não encontrado"))?;
    let i = v
        .intencoes
        .iter()
        .rev()
        .find(|i| i.assinatura.is_some())
        .ok_or_else(|| {
            e422(
                e,
                "Não existe assinatura de ATPV-e registrada para o veículo",
            )
        })?;
    let (tipo, quando) = i.assinatura.unwrap_or(("", i.data_hora_registro));
    Ok(json(
        200,
        json!({
            "numeroAtpve": i.numero_atpv,
            "estadoIntencaoVenda": i.estado,
            "chassi": v.chassi,
            "placa": v.placa,
            "renavam": v.renavam,
            "numeroDocumentoComprador": i.comprador,
            "numeroDocumentoVendedor": i.vendedor,
            "dataHoraRegistro": fmt_data_hora(i.data_hora_registro),
            "dataHoraRegistroAssinaturaVendedor": fmt_data_hora(quando),
            "tipoAssinaturaVendedor": tipo,
            "xmlAtpveBase64": base64(xml_atpv(i, v).as_bytes()),
        }),
    ))
}

fn xml_atpv(i: &IntencaoVenda, v: &super::estado::Veiculo) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><atpve><numero>{}</numero><chassi>{}</chassi><placa>{}</placa><renavam>{}</renavam><valor>{:.2}</valor><simulado>true</simulado></atpve>",
        i.numero_atpv,
        v.chassi,
        v.placa.as_deref().unwrap_or(""),
        v.renavam.as_deref().unwrap_or(""),
        i.valor
    )
}

fn corpo_pdf_atpv(i: &IntencaoVenda, v: &super::estado::Veiculo) -> Value {
    let linhas = vec![
        format!("Numero do ATPV-e: {}", i.numero_atpv),
        format!("Chassi: {}", v.chassi),
        format!("Placa: {}", v.placa.as_deref().unwrap_or("-")),
        format!("RENAVAM: {}", v.renavam.as_deref().unwrap_or("-")),
        format!("Vendedor: {}", mascara(&i.vendedor)),
        format!("Comprador: {}", mascara(&i.comprador)),
        format!("Valor: R$ {:.2}", i.valor),
        format!("Estado da intencao de venda: {}", i.estado),
        if i.sistemica {
            "Documento gerado pelo RENAVE (dispensa assinaturas)".to_owned()
        } else {
            "Assinatura do vendedor: ______________________".to_owned()
        },
        "DOCUMENTO SIMULADO - SEM VALOR LEGAL".to_owned(),
    ];
    json!({
        "numeroAtpv": i.numero_atpv,
        "pdfAtpvBase64": pdf_base64("ATPV-e - Autorizacao para Transferencia de Propriedade de Veiculo", &linhas),
        "xmlAtpvBase64": base64(xml_atpv(i, v).as_bytes()),
    })
}

fn pdf_atpv(e: &Estado, filtro: impl Fn(&super::estado::Veiculo) -> bool) -> Res {
    let v = e
        .veiculos
        .values()
        .find(|v| filtro(v))
        .ok_or_else(|| e422(e, "Chassi informado não está cadastrado"))?;
    let i = v.intencao_ativa().ok_or_else(|| {
        e422(e, "Não existe intenção de venda disponível para o veículo nos estados Registrada ou Venda comunicada")
    })?;
    Ok(json(200, corpo_pdf_atpv(i, v)))
}

fn atpv_por_id(e: &Estado, id: &str) -> Res {
    let id = parse_id(e, id, "ID do ATPV-e")?;
    for v in e.veiculos.values() {
        if let Some(i) = v.intencoes.iter().find(|i| i.id_atpv == id) {
            return Ok(json(200, corpo_pdf_atpv(i, v)));
        }
    }
    Err(e404(e, &format!("ATPV-e {id} não encontrado")))
}

fn nota_fiscal(e: &mut Estado, c: Campos<'_>) -> Res {
    let chave = chave_nf(e, c, "chaveNotaFiscal")?;
    let evento = c.exigir(e, "evento", "Evento é obrigatório")?;
    let id = c.exigir_inteiro(e, "idEstoque", "ID do estoque é obrigatório")?;
    let agora = e.agora();
    let Some(est) = e.estoques.get(&id) else {
        return Err(e404(e, &format!("Estoque {id} não encontrado")));
    };
    match evento.as_str() {
        "COMPRA" => {
            if est.entrada.chave_nf.is_some() {
                return Err(e422(e, "Nota fiscal de entrada já enviada para o estoque"));
            }
            if est.cancelamento.is_some() {
                return Err(e422(e, "Estoque cancelado não aceita nota fiscal"));
            }
            if let Some(est) = e.estoques.get_mut(&id) {
                est.entrada.chave_nf = Some((chave, agora));
            }
            e.talvez_iniciar_detran(id);
        }
        "VENDA" => {
            match &est.saida {
                Some(s) if s.cancelamento.is_none() && s.motivo == "VENDA" => {
                    if s.chave_nf.is_some() {
                        return Err(e422(e, "Nota fiscal de venda já enviada para o estoque"));
                    }
                }
                _ => {
                    return Err(e422(
                        e,
                        "A nota fiscal de venda deve ser enviada após a saída do estoque",
                    ));
                }
            }
            if let Some(s) = e.estoques.get_mut(&id).and_then(|est| est.saida.as_mut()) {
                s.chave_nf = Some((chave, agora));
            }
        }
        outro => {
            return Err(e400(
                e,
                &format!("Evento inválido: {outro}. Valores aceitos: COMPRA, VENDA"),
            ));
        }
    }
    Ok(vazio(200))
}

// ------------------------------------------------------------------------------------------
// E11–E19, E22
// ------------------------------------------------------------------------------------------

fn consultar_estoques(e: &Estado, p: &Pedido<'_>) -> Res {
    let chassi = p.q("chassi");
    let placa = p.q("placa");
    let estado = p.q("estadoEstoque");
    if let Some(s) = &estado {
        if !EstadoEstoque::from(s.as_str()).is_conhecido() {
            return Err(e400(e, &format!("Estado do estoque inválido: {s}")));
        }
    }
    let lista: Vec<Value> = e
        .estoques
        .values()
        .filter(|s| chassi.as_deref().is_none_or(|c| s.chassi == c))
        .filter(|s| {
            placa
                .as_deref()
                .is_none_or(|c| s.placa.as_deref() == Some(c))
        })
        .filter(|s| estado.as_deref().is_none_or(|c| s.estado == c))
        .map(Estoque::para_json)
        .collect();
    Ok(json(200, Value::Array(lista)))
}

fn termo_entrada(e: &Estado, id: &str) -> Res {
    let est = estoque_por_id(e, id)?;
    if !est.assinatura_ok {
        return Err(e422(
            e,
            "O estabelecimento ainda não enviou a assinatura do ATPV-e do vendedor",
        ));
    }
    let linhas = vec![
        format!("Numero do termo: {}", est.entrada.numero_termo),
        format!("Estoque: {}", est.id),
        format!("Chassi: {}", est.chassi),
        format!("Placa: {}", est.placa.as_deref().unwrap_or("-")),
        format!("Data da entrada: {}", fmt_data_hora(est.entrada.data_hora)),
        format!("Valor da compra: R$ {:.2}", est.entrada.valor_compra),
        format!("Estabelecimento: {} - {}", e.nome, e.cnpj),
        "DOCUMENTO SIMULADO - SEM VALOR LEGAL".to_owned(),
    ];
    Ok(json(
        200,
        json!({
            "numeroTermoEntradaEstoque": est.entrada.numero_termo,
            "pdfBase64": pdf_base64("TEE - Termo de Entrada em Estoque", &linhas),
        }),
    ))
}

fn termo_saida(e: &Estado, id: &str) -> Res {
    let est = estoque_por_id(e, id)?;
    let s = est
        .saida
        .as_ref()
        .ok_or_else(|| e422(e, "O estoque não possui saída registrada"))?;
    let linhas = vec![
        format!("Numero do termo: {}", s.numero_termo),
        format!("Estoque: {}", est.id),
        format!("Chassi: {}", est.chassi),
        format!("Motivo: {}", s.motivo),
        format!("Valor: R$ {:.2}", s.valor_venda),
        format!("Data da saida: {}", fmt_data_hora(s.data_hora)),
        "DOCUMENTO SIMULADO - SEM VALOR LEGAL".to_owned(),
    ];
    Ok(json(
        200,
        json!({
            "numeroTermoSaidaEstoque": s.numero_termo,
            "pdfBase64": pdf_base64("TSE - Termo de Saida de Estoque", &linhas),
        }),
    ))
}

fn cancelar_entrada_usado(e: &mut Estado, c: Campos<'_>) -> Res {
    let cpf = cpf_operador(e, c)?;
    let _ = cpf;
    let v = c.exigir_objeto(e, "veiculo", "Veículo é obrigatório")?;
    let (placa, renavam) = placa_renavam(e, v, "placa")?;
    let codigo = codigo_seguranca(e, v)?;
    let _ = c.exigir_data(
        e,
        "dataCancelamentoEstoque",
        "Data do cancelamento do estoque é obrigatória",
    )?;
    let Some(est) = e.estoques.values().rev().find(|s| {
        s.ativo() && s.placa.as_deref() == Some(&placa) && s.renavam.as_deref() == Some(&renavam)
    }) else {
        return Err(e422(e, "Não existe estoque ativo para o veículo informado"));
    };
    if est.estado != "SOLICITADO" {
        return Err(e422(
            e,
            &format!(
                "Estoque do veículo encontra-se no estado de {}. Somente entrada no estado Solicitado pode ser cancelada",
                nome_estado(est.estado)
            ),
        ));
    }
    if est.codigo_seguranca_crv.as_deref() != Some(codigo.as_str()) {
        return Err(e422(
            e,
            "Código de segurança do CRV não confere com o registrado no estoque",
        ));
    }
    let (id, chassi) = (est.id, est.chassi.clone());
    let agora = e.agora();
    if let Some(i) = e
        .veiculos
        .get_mut(&chassi)
        .and_then(|v| v.intencao_ativa_mut())
    {
        i.estado = "CANCELADA";
    }
    let Some(est) = e.estoques.get_mut(&id) else {
        return Err(e404(e, "Estoque não encontrado"));
    };
    est.estado = "FINALIZADO";
    est.detran_desde = None;
    est.cancelamento = Some((agora, "CANCELAMENTO_SOLICITADO_PELO_ESTABELECIMENTO"));
    Ok(json(201, est.para_json()))
}

fn saida_usado(e: &mut Estado, c: Campos<'_>) -> Res {
    let cpf = cpf_operador(e, c)?;
    let valor = c.exigir_numero(e, "valorVenda", "Valor da venda é obrigatório")?;
    let _ = email(
        e,
        c,
        "emailEstabelecimento",
        "E-mail do estabelecimento é obrigatório",
    )?;
    let comp = comprador(e, c)?;
    let v = c.exigir_objeto(e, "veiculo", "Veículo é obrigatório")?;
    let (placa, renavam) = placa_renavam(e, v, "placa")?;
    let codigo = codigo_seguranca(e, v)?;
    let data_venda = c.exigir_data(e, "dataVenda", "Data da venda é obrigatória")?;
    let Some(est) = e.estoques.values().rev().find(|s| {
        s.ativo() && s.placa.as_deref() == Some(&placa) && s.renavam.as_deref() == Some(&renavam)
    }) else {
        return Err(e422(
            e,
            "Veículo não se encontra no estoque do estabelecimento",
        ));
    };
    exigir_confirmado(e, est)?;
    if est.entrada.chave_nf.is_none() && !est.nf_dispensada {
        return Err(e422(
            e,
            "A nota fiscal de entrada do estoque ainda não foi enviada",
        ));
    }
    if !est.assinatura_ok {
        return Err(e422(
            e,
            "O estabelecimento ainda não enviou a assinatura do ATPV-e do vendedor",
        ));
    }
    if data_venda.date() < est.entrada.data_hora.date() {
        return Err(e422(
            e,
            &format!(
                "Data da venda não pode ser anterior à data da entrada em estoque ({})",
                est.entrada.data_hora.date()
            ),
        ));
    }
    let (id, chassi) = (est.id, est.chassi.clone());
    let atual = e
        .veiculos
        .get(&chassi)
        .and_then(|v| v.codigo_seguranca_crv.clone());
    if atual.as_deref() != Some(codigo.as_str()) {
        return Err(e422(
            e,
            "Código de segurança do CRV inválido. Utilize o código do CRV emitido para o estabelecimento",
        ));
    }
    registrar_saida(e, id, cpf, valor, comp, None);
    let est = e.estoques.get(&id).map_or(Value::Null, Estoque::para_json);
    Ok(json(201, est))
}

/// Moves a stock to FINALIZADO by sale and creates the systemic sale intention.
fn registrar_saida(
    e: &mut Estado,
    id: i64,
    cpf: String,
    valor: f64,
    comp: Value,
    chave: Option<String>,
) {
    let agora = e.agora();
    let prazo = somar(agora, e.prazos.transferencia_comprador);
    let numero_termo = 950_000 + id;
    let comprador_doc = comp
        .get("numeroDocumento")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let Some(chassi) = e.estoques.get(&id).map(|s| s.chassi.clone()) else {
        return;
    };
    let intencao = nova_intencao(e, e.cnpj.clone(), comprador_doc, valor, true);
    if let Some(v) = e.veiculos.get_mut(&chassi) {
        v.intencoes.push(intencao);
    }
    if let Some(est) = e.estoques.get_mut(&id) {
        est.estado = "FINALIZADO";
        est.saida = Some(Saida {
            cpf_operador: cpf,
            motivo: "VENDA",
            data_hora: agora,
            chave_nf: chave.map(|k| (k, agora)),
            comprador: Some(comp),
            numero_termo,
            valor_venda: valor,
            transferencia_comprador_em: prazo,
            cancelamento: None,
        });
    }
}

fn cancelar_saida(e: &mut Estado, c: Campos<'_>, tipo: Tipo) -> Res {
    let _ = cpf_operador(e, c)?;
    let _ = c.exigir_data(
        e,
        "dataCancelamentoSaidaEstoque",
        "Data do cancelamento da saída é obrigatória",
    )?;
    let id = estoque_do_corpo(e, c)?;
    let agora = e.agora();
    let Some(est) = e.estoques.get(&id) else {
        return Err(e404(e, "Estoque não encontrado"));
    };
    let tipo_ok = match tipo {
        Tipo::ZeroKm => est.zero_km && est.acabado,
        Tipo::Inacabado => !est.acabado,
        _ => !est.zero_km,
    };
    if !tipo_ok {
        return Err(e422(e, "O estoque informado não é do tipo desta operação"));
    }
    let Some(s) = &est.saida else {
        return Err(e422(e, "O estoque não possui saída registrada"));
    };
    if s.cancelamento.is_some() {
        return Err(e422(e, "A saída deste estoque já foi cancelada"));
    }
    if s.motivo != "VENDA" {
        return Err(e422(e, "Somente saída por venda pode ser cancelada"));
    }
    if agora >= s.transferencia_comprador_em {
        return Err(e422(
            e,
            "A saída não pode mais ser cancelada: o Detran já transferiu o veículo para o comprador",
        ));
    }
    let mut novo = est.clone();
    let chassi = est.chassi.clone();
    let novo_id = e.novo_id();
    novo.id = novo_id;
    novo.estado = "CONFIRMADO";
    novo.saida = None;
    novo.origem_cancelamento = Some(id);
    novo.entrada.data_hora = agora;
    novo.entrada.numero_termo = 900_000 + novo_id;
    if let Some(i) = e
        .veiculos
        .get_mut(&chassi)
        .and_then(|v| v.intencao_ativa_mut())
    {
        i.estado = "CANCELADA";
    }
    e.estoques.insert(novo_id, novo);
    let Some(antigo) = e.estoques.get_mut(&id) else {
        return Err(e404(e, "Estoque não encontrado"));
    };
    if let Some(s) = antigo.saida.as_mut() {
        s.cancelamento = Some((agora, novo_id));
    }
    Ok(json(201, antigo.para_json()))
}

fn crlve(e: &mut Estado, placa: &str, renavam: &str, so_codigo: bool) -> Res {
    let v = e
        .veiculo_por_placa_renavam(placa, renavam)
        .ok_or_else(|| e404(e, "Veículo não encontrado"))?;
    if v.proprietario != e.cnpj {
        return Err(e422(
            e,
            "O CRLV-e só pode ser emitido para veículo de propriedade do estabelecimento",
        ));
    }
    let codigo = v.codigo_seguranca_crv.clone().unwrap_or_default();
    let pdf_codigo = pdf_base64(
        "Codigo de seguranca do CRV",
        &[
            format!("Placa: {placa}"),
            format!("RENAVAM: {renavam}"),
            format!("Codigo de seguranca do CRV: {codigo}"),
            "DOCUMENTO SIMULADO - SEM VALOR LEGAL".to_owned(),
        ],
    );
    let mut corpo = json!({
        "numero": v.numero_crv,
        "placa": v.placa,
        "renavam": v.renavam,
        "dataEmissao": fmt_data_hora(v.data_emissao_crv),
        "cnpjEstabelecimento": e.cnpj,
        "nomeEstabelecimento": e.nome,
        "pdfCodigoSegurancaCrvBase64": pdf_codigo,
    });
    if !so_codigo {
        let pdf = pdf_base64(
            "CRLV-e - Certificado de Registro e Licenciamento de Veiculo",
            &[
                format!("Numero do CRV: {}", v.numero_crv.as_deref().unwrap_or("-")),
                format!("Placa: {placa}"),
                format!("RENAVAM: {renavam}"),
                format!("Chassi: {}", v.chassi),
                format!("Veiculo: {}", v.descricao),
                format!("Proprietario: {} - {}", e.nome, e.cnpj),
                "DOCUMENTO SIMULADO - SEM VALOR LEGAL".to_owned(),
            ],
        );
        if let Value::Object(m) = &mut corpo {
            m.insert("pdfBase64".into(), Value::from(pdf));
            m.insert(
                "assinaturaDetranP7sBase64".into(),
                Value::from(base64(b"assinatura simulada")),
            );
        }
    }
    Ok(json(200, corpo))
}

fn consultar_veiculo(e: &Estado, p: &Pedido<'_>) -> Res {
    let chassi = p
        .q("chassi")
        .ok_or_else(|| e400(e, "Chassi é obrigatório"))?;
    let chassi = super::http::validar(e, &chassi, Chassi::parse, "Chassi inválido")?;
    let v = e
        .veiculos
        .get(chassi.as_str())
        .ok_or_else(|| e422(e, "Chassi informado não está cadastrado"))?;
    let est = e
        .estoque_ativo_do_chassi(&v.chassi)
        .ok_or_else(|| e422(e, "Veículo deve estar em estoque (CONFIRMADO)"))?;
    exigir_confirmado(e, est)?;
    let restricoes = if v.zero_km {
        json!([{ "codigoTipo": "86", "tipo": "ESTOQUE_RENAVE_DE_VEICULO_ZERO" }])
    } else {
        json!([])
    };
    Ok(json(
        200,
        json!({
            "chassi": v.chassi,
            "placa": v.placa.clone().unwrap_or_default(),
            "renavam": v.renavam.clone().unwrap_or_else(|| "00000000000".to_owned()),
            "restricoes": restricoes,
            "veiculoAcabado": v.acabado,
        }),
    ))
}

// ------------------------------------------------------------------------------------------
// E23–E32: transfers
// ------------------------------------------------------------------------------------------

fn consultar_autorizacoes(e: &Estado, p: &Pedido<'_>) -> Resposta {
    let chassi = p.q("chassi");
    let placa = p.q("placa");
    let estado = p.q("estadoAutorizacao");
    let lista: Vec<Value> = e
        .autorizacoes
        .values()
        .filter(|a| chassi.as_deref().is_none_or(|c| a.chassi == c))
        .filter(|a| {
            placa
                .as_deref()
                .is_none_or(|c| a.placa.as_deref() == Some(c))
        })
        .filter(|a| estado.as_deref().is_none_or(|c| a.estado == c))
        .map(Autorizacao::para_json)
        .collect();
    json(200, Value::Array(lista))
}

fn criar_autorizacao(
    e: &mut Estado,
    id_estoque: i64,
    destino: String,
    cpf: String,
    valor: f64,
    tipo: Tipo,
) -> Res {
    let Some(est) = e.estoques.get(&id_estoque) else {
        return Err(e404(e, "Estoque não encontrado"));
    };
    exigir_confirmado(e, est)?;
    let chassi = est.chassi.clone();
    let placa = est.placa.clone();
    let zero_km = est.zero_km;
    if destino == e.cnpj {
        return Err(e422(
            e,
            "O estabelecimento de destino deve ser diferente do estabelecimento de origem",
        ));
    }
    if e.autorizacoes
        .values()
        .any(|a| a.chassi == chassi && a.estado == "CRIADA")
    {
        return Err(e422(
            e,
            &format!(
                "Veículo de chassi {chassi} já possui autorização de transferência cadastrada"
            ),
        ));
    }
    let id = e.novo_id();
    let a = Autorizacao {
        id,
        id_estoque: Some(id_estoque),
        id_estoque_gerado: None,
        chassi,
        placa,
        cnpj_autorizador: e.cnpj.clone(),
        nome_autorizador: e.nome.clone(),
        cnpj_destino: destino,
        estado: "CRIADA",
        cpf_autorizador: cpf,
        criada_em: e.agora(),
        transferencia: None,
        cancelamento: None,
        valor_venda: valor,
        zero_km,
        para_ite: tipo == Tipo::Ite,
        vindo_de_ite: false,
    };
    let corpo = a.para_json();
    e.autorizacoes.insert(id, a);
    Ok(json(201, corpo))
}

fn autorizar_usado(e: &mut Estado, c: Campos<'_>) -> Res {
    let cpf = cpf_operador(e, c)?;
    let destino = cnpj(
        e,
        c,
        "cnpjEstabelecimentoDestino",
        "CNPJ do estabelecimento de destino",
    )?;
    let _ = email(
        e,
        c,
        "emailEstabelecimentoOrigem",
        "E-mail do estabelecimento de origem é obrigatório",
    )?;
    let placa = c.exigir(e, "placaVeiculo", "Placa do veículo é obrigatória")?;
    let placa = super::http::validar(e, &placa, Placa::parse, "Placa inválida")?;
    let valor = c.exigir_numero(e, "valorVenda", "Valor da venda é obrigatório")?;
    let Some(id) = e
        .estoques
        .values()
        .rev()
        .find(|s| s.ativo() && s.placa.as_deref() == Some(placa.as_str()))
        .map(|s| s.id)
    else {
        return Err(e422(
            e,
            "Veículo não se encontra no estoque do estabelecimento",
        ));
    };
    criar_autorizacao(e, id, destino, cpf, valor, Tipo::Usado)
}

fn autorizar_zero_km(e: &mut Estado, c: Campos<'_>) -> Res {
    let id = c.exigir_inteiro(e, "idEstoque", "ID do estoque não pode estar em branco")?;
    let cpf = cpf_operador(e, c)?;
    let destino = cnpj(
        e,
        c,
        "cnpjEstabelecimentoDestino",
        "CNPJ do estabelecimento de destino",
    )?;
    let valor = c.exigir_numero(e, "valorVenda", "Valor da venda é obrigatório")?;
    if e.estoques.get(&id).is_some_and(|s| !s.zero_km) {
        return Err(e422(e, "O estoque informado não é de veículo zero km"));
    }
    criar_autorizacao(e, id, destino, cpf, valor, Tipo::ZeroKm)
}

fn autorizar_para_ite(e: &mut Estado, c: Campos<'_>) -> Res {
    let _ = chave_nf(e, c, "chaveNotaFiscalProdutoSaida")?;
    let destino = cnpj(e, c, "cnpjIteDestino", "CNPJ da ITE de destino")?;
    let cpf = cpf_operador(e, c)?;
    let id = c.exigir_inteiro(
        e,
        "idEstoqueOrigem",
        "ID do estoque de origem é obrigatório",
    )?;
    match e.estoques.get(&id) {
        None => return Err(e404(e, &format!("Estoque {id} não encontrado"))),
        Some(s) if s.acabado => {
            return Err(e422(
                e,
                "Somente veículo inacabado pode ser transferido para ITE",
            ));
        }
        Some(_) => {}
    }
    criar_autorizacao(e, id, destino, cpf, 0.0, Tipo::Ite)
}

fn cancelar_autorizacao(e: &mut Estado, c: Campos<'_>, tipo: Tipo) -> Res {
    let cpf = cpf_operador(e, c)?;
    let id = c.exigir_inteiro(
        e,
        "idAutorizacao",
        "Id da autorização de transferência é obrigatória",
    )?;
    let agora = e.agora();
    let Some(a) = e.autorizacoes.get(&id) else {
        return Err(e404(
            e,
            &format!("Autorização de transferência {id} não encontrada"),
        ));
    };
    let tipo_ok = match tipo {
        Tipo::Ite => a.para_ite,
        Tipo::ZeroKm => a.zero_km && !a.para_ite,
        _ => !a.zero_km && !a.para_ite,
    };
    if !tipo_ok {
        return Err(e422(
            e,
            "A autorização informada não é do tipo desta operação",
        ));
    }
    if a.cnpj_autorizador != e.cnpj {
        return Err(e422(
            e,
            "Somente o estabelecimento autorizador pode cancelar a autorização",
        ));
    }
    if a.estado != "CRIADA" {
        return Err(e422(
            e,
            "Somente autorização no estado CRIADA pode ser cancelada",
        ));
    }
    let Some(a) = e.autorizacoes.get_mut(&id) else {
        return Err(e404(e, "Autorização não encontrada"));
    };
    a.estado = "CANCELADA";
    a.cancelamento = Some((cpf, agora));
    Ok(json(200, a.para_json()))
}

/// Consumes an incoming authorization and creates the destination stock.
/// What the receiving establishment sends to consume an authorization (E26, E28, Z8).
struct Recebimento {
    id_aut: i64,
    cpf: String,
    km: u64,
    medicao: String,
    valor: f64,
    zero_km: bool,
    vindo_de_ite: bool,
    chassi_informado: Option<String>,
}

fn receber_transferencia(e: &mut Estado, r: Recebimento) -> Res {
    let Recebimento {
        id_aut,
        cpf,
        km,
        medicao,
        valor,
        zero_km,
        vindo_de_ite,
        chassi_informado,
    } = r;
    let Some(a) = e.autorizacoes.get(&id_aut) else {
        return Err(e422(
            e,
            &format!("Autorização de transferência {id_aut} não encontrada"),
        ));
    };
    if a.cnpj_destino != e.cnpj
        || a.zero_km != zero_km
        || a.para_ite
        || a.vindo_de_ite != vindo_de_ite
    {
        return Err(e422(
            e,
            "Autorização de transferência não encontrada para o estabelecimento solicitante",
        ));
    }
    if a.estado != "CRIADA" {
        return Err(e422(
            e,
            "A autorização de transferência não está no estado CRIADA",
        ));
    }
    if chassi_informado.as_deref().is_some_and(|ch| ch != a.chassi) {
        return Err(e422(
            e,
            "Chassi informado não corresponde ao da autorização de transferência",
        ));
    }
    let chassi = a.chassi.clone();
    let autorizador = a.cnpj_autorizador.clone();
    // The sale intention of a transfer carries the authorized value unless the receiver
    // states its own purchase value.
    let valor = if valor > 0.0 { valor } else { a.valor_venda };
    let id_origem = a.id_estoque;
    let Some(v) = e.veiculos.get(&chassi) else {
        return Err(e422(e, "Chassi informado não está cadastrado"));
    };
    let (placa, renavam, numero_crv, codigo, tipo_crv, acabado) = (
        v.placa.clone(),
        v.renavam.clone(),
        v.numero_crv.clone(),
        v.codigo_seguranca_crv.clone(),
        v.tipo_crv.clone(),
        v.acabado,
    );
    let id = e.novo_id();
    let agora = e.agora();
    if !zero_km {
        let intencao = nova_intencao(e, autorizador.clone(), e.cnpj.clone(), valor, true);
        if let Some(v) = e.veiculos.get_mut(&chassi) {
            v.intencoes.push(intencao);
        }
    }
    let est = Estoque {
        id,
        estado: if zero_km { "CONFIRMADO" } else { "SOLICITADO" },
        chassi,
        placa,
        renavam,
        numero_crv,
        codigo_seguranca_crv: codigo,
        tipo_crv,
        km,
        data_hora_medicao: medicao,
        entrada: Entrada {
            cpf_operador: cpf.clone(),
            data_hora: agora,
            chave_nf: None,
            numero_termo: 900_000 + id,
            vendedor: Some(autorizador),
            valor_compra: valor,
        },
        assinatura_ok: true,
        nf_dispensada: true,
        detran_desde: Some(agora),
        saida: None,
        cancelamento: None,
        origem_cancelamento: None,
        id_origem_transferencia: id_origem,
        zero_km,
        acabado,
    };
    let corpo = est.para_json();
    e.estoques.insert(id, est);
    if let Some(a) = e.autorizacoes.get_mut(&id_aut) {
        a.estado = "CONSUMIDA";
        a.id_estoque_gerado = Some(id);
        a.transferencia = Some((cpf, agora));
    }
    Ok(json(201, corpo))
}

fn transferencia_estabelecimentos(e: &mut Estado, c: Campos<'_>) -> Res {
    let id = c.exigir_inteiro(
        e,
        "idAutorizacao",
        "Id da autorização de transferência é obrigatória",
    )?;
    let cpf = cpf_operador(e, c)?;
    let campo_data = if c.texto("dataTransferenciaEstoque").is_some() {
        "dataTransferenciaEstoque"
    } else {
        "dataTransferencia"
    };
    let _ = c.exigir_data(e, campo_data, "Data da transferência é obrigatória")?;
    let medicao = c.exigir_data(
        e,
        "dataHoraMedicaoHodometro",
        "Data/hora da medição do hodômetro é obrigatória",
    )?;
    let km = km(e, c)?;
    let valor = c.numero("valorCompra").unwrap_or(0.0);
    receber_transferencia(
        e,
        Recebimento {
            id_aut: id,
            cpf,
            km,
            medicao: fmt_data_hora(medicao),
            valor,
            zero_km: false,
            vindo_de_ite: false,
            chassi_informado: None,
        },
    )
}

fn transferencia_zero_km(e: &mut Estado, c: Campos<'_>) -> Res {
    let id = c.exigir_inteiro(
        e,
        "idAutorizacao",
        "Id da autorização de transferência é obrigatória",
    )?;
    let _ = c.exigir_data(
        e,
        "dataEntradaEstoque",
        "Data da entrada em estoque é obrigatória",
    )?;
    let km = km(e, c)?;
    let valor = c.exigir_numero(e, "valorCompra", "Valor da compra é obrigatório")?;
    let medicao = c.exigir_data(
        e,
        "dataHoraMedicaoHodometro",
        "Data/hora da medição do hodômetro é obrigatória",
    )?;
    let cpf = cpf_operador(e, c)?;
    if c.texto("chaveNotaFiscal").is_some() {
        let _ = chave_nf(e, c, "chaveNotaFiscal")?;
    }
    receber_transferencia(
        e,
        Recebimento {
            id_aut: id,
            cpf,
            km,
            medicao: fmt_data_hora(medicao),
            valor,
            zero_km: true,
            vindo_de_ite: false,
            chassi_informado: c.texto("chassi"),
        },
    )
}

fn transferencia_filiais(e: &mut Estado, c: Campos<'_>) -> Res {
    let origem = cnpj(
        e,
        c,
        "cnpjEstabelecimentoOrigemTransferencia",
        "CNPJ do estabelecimento de origem",
    )?;
    let cpf = cpf_operador(e, c)?;
    let _ = c.exigir_data(
        e,
        "dataTransferenciaEstoque",
        "Data da transferência é obrigatória",
    )?;
    let _ = email(
        e,
        c,
        "emailEstabelecimentoSolicitante",
        "E-mail do estabelecimento solicitante é obrigatório",
    )?;
    let v = c.exigir_objeto(e, "veiculo", "Veículo é obrigatório")?;
    let (placa, renavam) = placa_renavam(e, v, "placa")?;
    let km = km(e, v)?;
    let medicao = v.exigir_data(
        e,
        "dataHoraMedicaoHodometro",
        "Data/hora da medição do hodômetro é obrigatória",
    )?;
    if origem == e.cnpj || origem.get(..8) != e.cnpj.get(..8) {
        return Err(e422(
            e,
            "O estabelecimento de origem não é filial do estabelecimento solicitante",
        ));
    }
    let veiculo = e
        .veiculo_por_placa_renavam(&placa, &renavam)
        .ok_or_else(|| {
            e422(
                e,
                "Veículo não encontrado no RENAVAM com a placa e o renavam informados",
            )
        })?;
    if veiculo.proprietario != origem {
        return Err(e422(
            e,
            "O veículo não pertence ao estabelecimento de origem",
        ));
    }
    let chassi = veiculo.chassi.clone();
    let (numero_crv, codigo, tipo_crv) = (
        veiculo.numero_crv.clone(),
        veiculo.codigo_seguranca_crv.clone(),
        veiculo.tipo_crv.clone(),
    );
    if e.estoque_ativo_do_chassi(&chassi).is_some() {
        return Err(e422(
            e,
            &format!("Veículo de chassi {chassi} possui um estoque ativo"),
        ));
    }
    let id = e.novo_id();
    let agora = e.agora();
    let est = Estoque {
        id,
        estado: "SOLICITADO",
        chassi,
        placa: Some(placa),
        renavam: Some(renavam),
        numero_crv,
        codigo_seguranca_crv: codigo,
        tipo_crv,
        km,
        data_hora_medicao: fmt_data_hora(medicao),
        entrada: Entrada {
            cpf_operador: cpf,
            data_hora: agora,
            chave_nf: None,
            numero_termo: 900_000 + id,
            vendedor: Some(origem),
            valor_compra: 0.0,
        },
        assinatura_ok: true,
        nf_dispensada: true,
        detran_desde: Some(agora),
        saida: None,
        cancelamento: None,
        origem_cancelamento: None,
        id_origem_transferencia: None,
        zero_km: false,
        acabado: true,
    };
    let corpo = est.para_json();
    e.estoques.insert(id, est);
    Ok(json(201, corpo))
}

fn vindo_de_ite(e: &mut Estado, c: Campos<'_>) -> Res {
    let _ = chave_nf(e, c, "chaveNotaFiscalProduto")?;
    let cpf = cpf_operador(e, c)?;
    let medicao = c.exigir_data(
        e,
        "dataHoraMedicaoHodometro",
        "Data/hora da medição do hodômetro é obrigatória",
    )?;
    let _ = c.exigir_data(
        e,
        "dataTransferenciaEstoque",
        "Data da transferência é obrigatória",
    )?;
    let id = c.exigir_inteiro(
        e,
        "idAutorizacao",
        "Id da autorização de transferência é obrigatória",
    )?;
    let km = km(e, c)?;
    let valor = c.exigir_numero(e, "valorProduto", "Valor do produto é obrigatório")?;
    // Only authorizations issued by an ITE to this establishment qualify (checked by
    // `receber_transferencia`); the simulator's own authorizations "para ITE" go the other way.
    receber_transferencia(
        e,
        Recebimento {
            id_aut: id,
            cpf,
            km,
            medicao: fmt_data_hora(medicao),
            valor,
            zero_km: true,
            vindo_de_ite: true,
            chassi_informado: None,
        },
    )
}

// ------------------------------------------------------------------------------------------
// Sales (Z3, Z15, E31, Z16) and zero km
// ------------------------------------------------------------------------------------------

fn saida_venda(e: &mut Estado, c: Campos<'_>, tipo: Tipo, renovar: bool) -> Res {
    let id = estoque_do_corpo(e, c)?;
    let chave = chave_nf(e, c, "chaveNotaFiscal")?;
    let _ = c.exigir_data(e, "dataVenda", "Data da venda é obrigatória")?;
    let valor = c.exigir_numero(e, "valorVenda", "Valor da venda é obrigatório")?;
    let cpf = cpf_operador(e, c)?;
    let _ = email(
        e,
        c,
        "emailEstabelecimento",
        "E-mail do estabelecimento é obrigatório",
    )?;
    let comp = comprador(e, c)?;
    if renovar
        && c.booleano("estabelecimentoCienteDeResponsabilidadeSobreProcessoRenovar") != Some(true)
    {
        return Err(e422(
            e,
            "O estabelecimento deve declarar ciência da responsabilidade sobre o processo Renovar",
        ));
    }
    let Some(est) = e.estoques.get(&id) else {
        return Err(e404(e, "Estoque não encontrado"));
    };
    match tipo {
        Tipo::ZeroKm if !est.zero_km => {
            return Err(e422(e, "O estoque informado não é de veículo zero km"));
        }
        Tipo::ZeroKm if !est.acabado => {
            return Err(e422(
                e,
                "Veículo inacabado: utilize a saída de estoque de veículo inacabado",
            ));
        }
        Tipo::Inacabado if est.acabado => {
            return Err(e422(e, "O veículo do estoque não é inacabado"));
        }
        _ => {}
    }
    exigir_confirmado(e, est)?;
    registrar_saida(e, id, cpf, valor, comp, Some(chave));
    if tipo == Tipo::Inacabado {
        // Unfinished vehicles get no ATPV-e (Z16 downloads none).
        if let Some(chassi) = e.estoques.get(&id).map(|s| s.chassi.clone()) {
            if let Some(i) = e
                .veiculos
                .get_mut(&chassi)
                .and_then(|v| v.intencao_ativa_mut())
            {
                i.estado = "CONSUMIDA";
            }
        }
    }
    let corpo = e.estoques.get(&id).map_or(Value::Null, Estoque::para_json);
    Ok(json(201, corpo))
}

fn pendentes(e: &Estado, p: &Pedido<'_>) -> Resposta {
    let chassi = p.q("chassi");
    let lista: Vec<Value> = e
        .pendentes
        .iter()
        .filter(|(ch, _)| chassi.as_deref().is_none_or(|c| c == ch.as_str()))
        .map(|(ch, dh)| {
            json!({
                "chassi": ch,
                "dataHoraCadastro": fmt_data_hora(*dh),
                "veiculoAcabado": e.veiculos.get(ch).is_none_or(|v| v.acabado),
            })
        })
        .collect();
    json(200, Value::Array(lista))
}

fn entrada_zero_km(e: &mut Estado, c: Campos<'_>) -> Res {
    let chassi = c.exigir(e, "chassi", "Chassi é obrigatório")?;
    let chassi = super::http::validar(e, &chassi, Chassi::parse, "Chassi inválido")?;
    let chave = chave_nf(e, c, "chaveNotaFiscal")?;
    let valor = c.exigir_numero(e, "valorCompra", "Valor da compra é obrigatório")?;
    let data = c.exigir_data(
        e,
        "dataEntradaEstoque",
        "Data da entrada em estoque é obrigatória",
    )?;
    let medicao = c.exigir_data(
        e,
        "dataHoraMedicaoHodometro",
        "Data/hora da medição do hodômetro é obrigatória",
    )?;
    let km = km(e, c)?;
    let cpf = cpf_operador(e, c)?;
    let chassi = chassi.as_str().to_owned();
    if e.estoque_ativo_do_chassi(&chassi).is_some() {
        return Err(e422(
            e,
            &format!("Veículo de chassi {chassi} já está em estoque"),
        ));
    }
    if !e.pendentes.contains_key(&chassi) {
        return Err(e422(
            e,
            "Chassi informado não está cadastrado como pendente de entrada para o estabelecimento",
        ));
    }
    let acabado = e.veiculos.get(&chassi).is_none_or(|v| v.acabado);
    let montadora = e.cnpj_montadora.clone();
    e.pendentes.remove(&chassi);
    let id = e.novo_id();
    let agora = e.agora();
    let est = Estoque {
        id,
        estado: "CONFIRMADO",
        chassi,
        placa: None,
        renavam: None,
        numero_crv: None,
        codigo_seguranca_crv: None,
        tipo_crv: None,
        km,
        data_hora_medicao: fmt_data_hora(medicao),
        entrada: Entrada {
            cpf_operador: cpf,
            data_hora: data.min(agora),
            chave_nf: Some((chave, agora)),
            numero_termo: 900_000 + id,
            vendedor: Some(montadora),
            valor_compra: valor,
        },
        assinatura_ok: true,
        nf_dispensada: true,
        detran_desde: Some(agora),
        saida: None,
        cancelamento: None,
        origem_cancelamento: None,
        id_origem_transferencia: None,
        zero_km: true,
        acabado,
    };
    let corpo = est.para_json();
    e.estoques.insert(id, est);
    Ok(json(201, corpo))
}

fn estoque_zero_km_sem_saida(e: &Estado, id: i64) -> Result<(), Resposta> {
    let Some(est) = e.estoques.get(&id) else {
        return Err(e404(e, "Estoque não encontrado"));
    };
    if !est.zero_km {
        return Err(e422(e, "O estoque informado não é de veículo zero km"));
    }
    exigir_confirmado(e, est)
}

fn cancelar_entrada_zero_km(e: &mut Estado, c: Campos<'_>) -> Res {
    let _ = cpf_operador(e, c)?;
    let _ = c.exigir_data(
        e,
        "dataCancelamentoEntradaEstoque",
        "Data do cancelamento da entrada é obrigatória",
    )?;
    let id = estoque_do_corpo(e, c)?;
    estoque_zero_km_sem_saida(e, id)?;
    let agora = e.agora();
    let Some(est) = e.estoques.get_mut(&id) else {
        return Err(e404(e, "Estoque não encontrado"));
    };
    est.estado = "FINALIZADO";
    est.cancelamento = Some((agora, "CANCELAMENTO_ENTRADA"));
    let chassi = est.chassi.clone();
    let corpo = est.para_json();
    e.pendentes.insert(chassi, agora);
    Ok(json(201, corpo))
}

fn devolucao_montadora(e: &mut Estado, c: Campos<'_>) -> Res {
    let chave = chave_nf(e, c, "chaveNotaFiscal")?;
    let cpf = cpf_operador(e, c)?;
    let _ = c.exigir_data(e, "dataDevolucao", "Data da devolução é obrigatória")?;
    let id = estoque_do_corpo(e, c)?;
    let motivo = c.exigir(
        e,
        "motivoDevolucaoMontadora",
        "Motivo da devolução à montadora é obrigatório",
    )?;
    if !MotivoDevolucaoMontadora::from(motivo.as_str()).is_conhecido() {
        return Err(e400(
            e,
            &format!("Motivo da devolução à montadora inválido: {motivo}"),
        ));
    }
    estoque_zero_km_sem_saida(e, id)?;
    let agora = e.agora();
    let Some(est) = e.estoques.get_mut(&id) else {
        return Err(e404(e, "Estoque não encontrado"));
    };
    est.estado = "FINALIZADO";
    est.saida = Some(Saida {
        cpf_operador: cpf,
        motivo: "DEVOLUCAO_MONTADORA",
        data_hora: agora,
        chave_nf: Some((chave, agora)),
        comprador: None,
        numero_termo: 950_000 + id,
        valor_venda: 0.0,
        transferencia_comprador_em: agora,
        cancelamento: None,
    });
    Ok(json(201, est.para_json()))
}

fn rejeicao(e: &mut Estado, c: Campos<'_>) -> Res {
    let chassi = c.exigir(e, "chassi", "Chassi é obrigatório")?;
    let _ = cpf_operador(e, c)?;
    let motivo = c.exigir(e, "motivoRejeicao", "Motivo da rejeição é obrigatório")?;
    if !MotivoRejeicao::from(motivo.as_str()).is_conhecido() {
        return Err(e400(e, &format!("Motivo da rejeição inválido: {motivo}")));
    }
    let Some(dh) = e.pendentes.remove(&chassi) else {
        return Err(e422(
            e,
            "Chassi informado não está pendente de entrada para o estabelecimento",
        ));
    };
    e.rejeitados.insert(chassi, dh);
    Ok(vazio(201))
}

fn cancelar_rejeicao(e: &mut Estado, c: Campos<'_>) -> Res {
    let chassi = c.exigir(e, "chassi", "Chassi é obrigatório")?;
    let _ = cpf_operador(e, c)?;
    let Some(dh) = e.rejeitados.remove(&chassi) else {
        return Err(e422(e, "Não existe rejeição ativa para o chassi informado"));
    };
    e.pendentes.insert(chassi, dh);
    Ok(vazio(200))
}

fn entregas(e: &Estado, p: &Pedido<'_>) -> Resposta {
    let chassi = p.q("chassi");
    let estado = p.q("estado");
    let montadora = p.q("cnpjMontadora");
    let vendedor = p.q("cnpjEstabelecimentoVendedor");
    let entregador = p.q("cnpjEstabelecimentoEntregador");
    let lista: Vec<Value> = e
        .entregas
        .values()
        .filter(|x| chassi.as_deref().is_none_or(|c| x.chassi == c))
        .filter(|x| estado.as_deref().is_none_or(|c| x.estado == c))
        .filter(|x| montadora.as_deref().is_none_or(|c| x.cnpj_montadora == c))
        .filter(|x| vendedor.as_deref().is_none_or(|c| x.cnpj_vendedor == c))
        .filter(|x| entregador.as_deref().is_none_or(|c| x.cnpj_entregador == c))
        .map(super::estado::Entrega::para_json)
        .collect();
    json(200, Value::Array(lista))
}

fn realizar_entrega(e: &mut Estado, c: Campos<'_>) -> Res {
    let cpf = cpf_operador(e, c)?;
    let id = c.exigir_inteiro(e, "idEntrega", "ID da entrega é obrigatório")?;
    let Some(x) = e.entregas.get(&id) else {
        return Err(e404(e, &format!("Entrega {id} não encontrada")));
    };
    if x.cnpj_entregador != e.cnpj {
        return Err(e422(
            e,
            "O estabelecimento não é o entregador indicado para esta entrega",
        ));
    }
    if x.estado != "PENDENTE" {
        return Err(e422(e, "Entrega não está pendente de realização"));
    }
    let chassi = x.chassi.clone();
    let vendedor = x.cnpj_vendedor.clone();
    let agora = e.agora();
    let intencao = nova_intencao(e, vendedor, "12345678909".to_owned(), 0.0, true);
    let id_atpv = intencao.id_atpv;
    if let Some(v) = e.veiculos.get_mut(&chassi) {
        v.intencoes.push(intencao);
    }
    let Some(x) = e.entregas.get_mut(&id) else {
        return Err(e404(e, "Entrega não encontrada"));
    };
    x.estado = "REALIZADA";
    x.realizacao = Some((cpf, agora));
    x.id_atpv = Some(id_atpv);
    Ok(json(201, x.para_json()))
}

fn cancelar_entrega(e: &mut Estado, c: Campos<'_>) -> Res {
    let cpf = cpf_operador(e, c)?;
    let id = c.exigir_inteiro(e, "idEntrega", "ID da entrega é obrigatório")?;
    let Some(x) = e.entregas.get(&id) else {
        return Err(e404(e, &format!("Entrega {id} não encontrada")));
    };
    if x.estado != "REALIZADA" {
        return Err(e422(e, "Somente entrega realizada pode ser cancelada"));
    }
    let mut nova = x.clone();
    let chassi = x.chassi.clone();
    let novo_id = e.novo_id();
    let agora = e.agora();
    nova.id = novo_id;
    nova.estado = "PENDENTE";
    nova.realizacao = None;
    nova.id_atpv = None;
    nova.origem_cancelamento = Some(id);
    e.entregas.insert(novo_id, nova);
    if let Some(i) = e
        .veiculos
        .get_mut(&chassi)
        .and_then(|v| v.intencao_ativa_mut())
    {
        i.estado = "CANCELADA";
    }
    let Some(x) = e.entregas.get_mut(&id) else {
        return Err(e404(e, "Entrega não encontrada"));
    };
    x.estado = "CANCELADA";
    x.cancelamento = Some((cpf, agora));
    x.gerada_no_cancelamento = Some(novo_id);
    Ok(json(201, x.para_json()))
}

#[cfg(test)]
mod testes {
    use std::time::{Duration, Instant};

    use proptest::prelude::*;
    use serde_json::{Map, Value};

    use super::{OPERACOES, Pedido, casa_modelo, despachar};
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
        Estado::novo(&dados, relogio, prazos)
    }

    /// Field names the operations read, so generated bodies reach deep into the handlers.
    const CAMPOS: [&str; 24] = [
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
            indice in 0..OPERACOES.len(),
            corpo in valor(),
            bytes in prop::collection::vec(any::<u8>(), 0..64),
            usar_bytes in any::<bool>(),
        ) {
            let op = OPERACOES[indice];
            let mut e = estado();
            let texto = if usar_bytes { bytes } else { serde_json::to_vec(&corpo).unwrap_or_default() };
            let segmentos: Vec<&str> = op
                .caminho
                .trim_start_matches("/api/")
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
            let caminho = format!("/api/{}", segmentos.join("/"));
            if !OPERACOES.iter().any(|o| casa_modelo(o.caminho, &caminho)) {
                prop_assert_eq!(r.status, 404);
            }
        }
    }
}
